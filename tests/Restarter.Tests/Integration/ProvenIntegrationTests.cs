using Restarter.Tests.Support;
using Watchdog.Common.State;

namespace Restarter.Tests.Integration;

// Proven by its heart with the real restarter and real programs, on the default backoff and limit.
[Collection("restarter")]
public sealed class ProvenIntegrationTests
{
    [Fact]
    public async Task A_program_that_beats_its_heart_then_crashes_is_relaunched_every_time_without_backoff_and_never_given_up()
    {
        using var rig = new RestarterRig();
        rig.Configure(RestarterRig.Program(
            "beater",
            "sleep 0.2; touch \"$WATCHDOG_HEARTS/$WATCHDOG_HEART\"; sleep 0.1; exit 1",
            "hearts: { beater: 1h }"));

        rig.Start();

        // Eight crashes within a few seconds: beyond the default limit (5 within 60 s) were they counted.
        var state = await Poll.ForAsync(() => rig.State("beater") is { Restarts.Count: >= 8 } s ? s : null, "eight relaunches");
        Assert.Equal(0, state.GiveUps);
        Assert.Empty(state.EarlyFailures!);
        var history = rig.History();
        Assert.DoesNotContain(history, h => h.Contains("relaunch scheduled", StringComparison.Ordinal) || h.Contains("gave up", StringComparison.Ordinal));
        Assert.True(history.Count(h => h.Contains("no backoff: it had proved itself", StringComparison.Ordinal)) >= 6);
        Assert.NotEqual(ProgramPhase.Backoff, state.Phase);
    }
}
