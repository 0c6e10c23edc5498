using System.Text.Json.Nodes;
using Restarter.Tests.Support;
using Watchdog.Common.State;

namespace Restarter.Tests.Supervision;

// Proven by its heart through the executor: the proof is read from the heart's mtime on disk.
public sealed class ProvenSupervisionTests
{
    [Fact]
    public async Task A_program_that_beats_between_crashes_is_relaunched_at_once_every_time_and_never_given_up()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        var supervisor = rig.NewSupervisor();
        supervisor.Start();
        await rig.SettleAsync(supervisor);

        for (var crash = 1; crash <= 10; crash++)
        {
            rig.Time.Advance(TimeSpan.FromSeconds(2));
            File.SetLastWriteTimeUtc(rig.Layout.Heart("api"), rig.Time.GetUtcNow().UtcDateTime);
            rig.Time.Advance(TimeSpan.FromMilliseconds(500));
            rig.Host.Crash(rig.State("api").Pid, 1);
            await rig.SettleAsync(supervisor);

            Assert.Equal(ProgramPhase.Running, rig.State("api").Phase);
            Assert.Equal(crash + 1, rig.Host.Launches.Count);
        }

        var state = rig.State("api");
        Assert.Equal(10, state.Restarts.Count);
        Assert.Empty(state.EarlyFailures!);
        Assert.Equal(0, state.GiveUps);
        Assert.Contains(rig.History(), h => h.Contains("no backoff: it had proved itself", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_program_that_crashes_without_beating_backs_off_on_its_second_crash()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        var supervisor = rig.NewSupervisor();
        supervisor.Start();
        await rig.SettleAsync(supervisor);

        rig.Time.Advance(TimeSpan.FromSeconds(2));
        rig.Host.Crash(rig.State("api").Pid, 1);
        await rig.SettleAsync(supervisor);
        rig.Time.Advance(TimeSpan.FromSeconds(2));
        rig.Host.Crash(rig.State("api").Pid, 1);
        await rig.SettleAsync(supervisor);

        var state = rig.State("api");
        Assert.Equal(ProgramPhase.Backoff, state.Phase);
        Assert.Equal(2, state.EarlyFailures!.Count);
    }

    [Fact]
    public void A_state_file_written_before_early_failures_and_hearts_set_to_existed_is_still_read()
    {
        using var rig = new SupervisionRig(SupervisionRig.Program("api"));
        var now = rig.Time.GetUtcNow();
        rig.States.Write(new ProgramState("api", ProgramPhase.Running, "tag", 42, 7, now, [now], 1, null, null, null) { EarlyFailures = [now], HeartsSetTo = now });
        var path = rig.States.PathFor("api");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        Assert.True(json.Remove("early_failures") && json.Remove("hearts_set_to"));
        File.WriteAllText(path, json.ToJsonString());

        var old = rig.State("api");

        Assert.Null(old.EarlyFailures);
        Assert.Null(old.HeartsSetTo);
        Assert.Equal([now], old.Restarts);
    }
}
