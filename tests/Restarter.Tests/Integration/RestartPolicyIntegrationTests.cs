using Restarter.Tests.Support;
using Watchdog.Common.State;

namespace Restarter.Tests.Integration;

// `restart:` through the real restarter and real bash programs: an exit the policy accepts is done (no relaunch,
// no backoff, no heart), any other exit is relaunched; done survives a restarter crash; a problem starts it again.
[Collection("restarter")]
public sealed class RestartPolicyIntegrationTests
{
    private const string Forever = "exec sleep 1000";

    [Theory]
    [InlineData("always", 0)]
    [InlineData("always", 3)]
    [InlineData("on-failure", 3)]
    public async Task An_exit_the_policy_does_not_accept_is_relaunched(string policy, int code)
    {
        using var rig = new RestarterRig();
        var flag = Path.Combine(rig.Scratch, "exited-once");
        rig.Configure(RestarterRig.Program("job", $"if [ -e {flag} ]; then {Forever}; fi; touch {flag}; exit {code}", $"restart: {policy}", "hearts: { job: 1h }"));
        rig.Start();

        await rig.UntilAsync(() => File.Exists(flag), () => "the first run");
        var second = await rig.RunningAsync("job");
        await rig.UntilAsync(() => rig.History().Any(h => h.Contains($"restarter: exited with code {code}", StringComparison.Ordinal) && h.Contains("relaunched pid", StringComparison.Ordinal)), () => "the relaunch in history");
        Assert.Single(rig.State("job")!.Restarts);
        Assert.Equal([(second.Pid, second.Tag!)], rig.Tagged());
    }

    [Theory]
    [InlineData("on-failure", 0, "exited with code 0: not restarted (on-failure)")]
    [InlineData("never", 0, "exited with code 0: not restarted (restart: never)")]
    [InlineData("never", 3, "exited with code 3: not restarted (restart: never)")]
    public async Task An_exit_the_policy_accepts_is_done_and_stays_done_through_a_restarter_crash_until_started(string policy, int code, string expected)
    {
        using var rig = new RestarterRig();
        var runs = Path.Combine(rig.Scratch, "runs");
        rig.Configure(RestarterRig.Program("job", $"echo run >> {runs}; setsid -f sleep 1002; [ $(wc -l < {runs}) -gt 1 ] && {Forever}; exit {code}", $"restart: {policy}", "hearts: { job: 1h }"));
        rig.Start();

        await rig.UntilAsync(() => rig.State("job") is { Phase: ProgramPhase.Done } && !rig.IsOpen("job"), () => "done, its problem solved");
        var done = rig.State("job")!;
        Assert.Empty(done.Restarts);
        Assert.Equal(0, done.BackoffAttempt);
        Assert.NotNull(done.DoneAt);
        Assert.Contains(expected, Assert.Single(rig.History()), StringComparison.Ordinal);
        Assert.False(File.Exists(rig.Layout.Heart("job")));

        // What the program left behind (a setsid grandchild) went with its launch.
        Assert.Empty(rig.Tagged());

        rig.Crash();
        rig.Start();
        await rig.UntilAsync(() => rig.Output.Split("Restarter running").Length == 3, () => "the restarter back");
        Assert.Equal(ProgramPhase.Done, rig.State("job")!.Phase);
        Assert.Empty(rig.Tagged());
        Assert.Single(File.ReadAllLines(runs));

        // `watchdog start NAME` writes this problem for a done program.
        rig.Problem("job", "start requested by test");
        var started = await rig.RunningAsync("job");
        Assert.Equal(2, File.ReadAllLines(runs).Length);
        await rig.UntilAsync(() => !rig.IsOpen("job") && File.Exists(rig.Layout.Heart("job")), () => "the start solved, the heart written");
        Assert.Contains(rig.History(), h => h.Contains($"started: test: start requested by test: launched pid {started.Pid}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hang_of_an_on_failure_program_is_still_restarted()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program("job", Forever, "restart: on-failure"));
        rig.Start();
        var first = await rig.RunningAsync("job");

        rig.Problem("job", "heart 'job' silent for 31.0s (timeout 30s)");

        var second = await rig.RunningAsync("job", notTag: first.Tag);
        Assert.False(Signals.IsAlive(first.Pid));
        Assert.Equal([(second.Pid, second.Tag!)], rig.Tagged());
    }
}
