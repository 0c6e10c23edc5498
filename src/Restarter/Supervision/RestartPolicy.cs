using System.Globalization;
using Watchdog.Common.Config;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;

namespace Watchdog.Restarter.Supervision;

// Restart storms end (DESIGN.md §4.6): the first restart after a healthy run is immediate, the next ones wait
// exponentially longer (with jitter, between backoff.initial and backoff.max), and more than limit.restarts
// within limit.within gives the program up for limit.cool_down. The launch after a cool-down is on probation:
// one more problem before backoff.reset of healthy running gives it up again.
//
// Proven by its heart (v2): a launch that beat one of its hearts, or ran past startup_grace without hearts, has
// proved itself, and its failure is relaunched at once, like runit. Only the failures of launches that never
// proved themselves (a crash loop at start-up) back off and count towards the limit.
internal static class RestartPolicy
{
    // Restart times are kept this long (at least) so that `status` can count the last hour.
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);

    public const int MaxKept = 256;

    // Jitter spreads each delay over ±20 % so that programs failing together do not relaunch in lockstep.
    private const double JitterSpread = 0.2;

    // Without hearts a launch proves itself by running at least this long even with startup_grace: 0, so a program
    // that exits at once still backs off (runit's 1 s pause after an exit within 1 s, made exponential).
    private static readonly TimeSpan MinimumProvingRun = TimeSpan.FromSeconds(1);

    // A heart's mtime this close to the one its reset wrote has not moved (a beat landing there is rare, and the next counts).
    private static readonly TimeSpan UnmovedWithin = TimeSpan.FromMilliseconds(1);

    // random: uniform in [0, 1). proven: the failed launch had proved itself (Proved).
    public static RestartDecision Decide(ProgramState state, ProgramOptions program, DateTimeOffset now, double random, bool proven = false)
    {
        var healthy = IsHealthy(state, program, now);
        var window = now - program.Limit.Within;
        var early = (state.EarlyFailures ?? state.Restarts).Where(t => t > window);
        var recent = early.Count();
        var kept = state.Restarts.Where(t => t > now - (KeptFor > program.Limit.Within ? KeptFor : program.Limit.Within)).Append(now).TakeLast(MaxKept).ToList();
        var keptEarly = (proven ? early : early.Append(now)).TakeLast(MaxKept).ToList();

        if (proven)
        {
            return new RestartDecision(RestartKind.Now, TimeSpan.Zero, kept, keptEarly, 1, "no backoff: it had proved itself (a beat, or a run past startup_grace without hearts)");
        }

        if (state.OnProbation && !healthy)
        {
            return new RestartDecision(RestartKind.GiveUp, program.Limit.CoolDown, kept, keptEarly, 0,
                $"gave up again: it failed within {Duration.Format(program.Backoff.Reset)} of its retry after the cool-down; next try in {Duration.Format(program.Limit.CoolDown)}");
        }

        if (recent >= program.Limit.Restarts)
        {
            return new RestartDecision(RestartKind.GiveUp, program.Limit.CoolDown, kept, keptEarly, 0,
                string.Create(CultureInfo.InvariantCulture, $"gave up: {recent + 1} restarts within {Duration.Format(program.Limit.Within)} (limit {program.Limit.Restarts}); next try in {Duration.Format(program.Limit.CoolDown)}"));
        }

        var attempt = healthy ? 0 : state.BackoffAttempt;
        if (attempt == 0)
        {
            return new RestartDecision(RestartKind.Now, TimeSpan.Zero, kept, keptEarly, 1, "relaunched at once");
        }

        var delay = Delay(program.Backoff, attempt, random);
        return new RestartDecision(RestartKind.Delayed, delay, kept, keptEarly, attempt + 1, "relaunch scheduled in " + FormatSeconds(delay));
    }

    // Whether the current launch proved itself by now. beats: the mtimes of its hearts as they are on disk. A beat
    // moves a heart's mtime off the value its reset wrote (HeartsSetTo) to a time between the launch and now.
    public static bool Proved(ProgramState state, ProgramOptions program, IReadOnlyList<DateTimeOffset> beats, DateTimeOffset now)
    {
        if (state.LaunchedAt is not { } launched)
        {
            return false;
        }

        if (program.Hearts.Count == 0)
        {
            return now - launched >= (program.StartupGrace > MinimumProvingRun ? program.StartupGrace : MinimumProvingRun);
        }

        return state.HeartsSetTo is { } set
            && beats.Any(b => b >= launched && b <= now && (b - set).Duration() > UnmovedWithin);
    }

    // The delay before relaunch number attempt (1 = the first delayed one): initial · 2^(attempt-1), jittered, within [initial, max].
    public static TimeSpan Delay(BackoffOptions backoff, int attempt, double random)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var nominal = Math.Min(backoff.Initial.TotalSeconds * Math.Pow(2, exponent), backoff.Max.TotalSeconds);
        var jittered = nominal * (1 + (JitterSpread * ((2 * random) - 1)));
        return TimeSpan.FromSeconds(Math.Clamp(jittered, backoff.Initial.TotalSeconds, backoff.Max.TotalSeconds));
    }

    // Running without a problem for backoff.reset makes the next restart immediate again.
    public static bool IsHealthy(ProgramState state, ProgramOptions program, DateTimeOffset now) =>
        state.LaunchedAt is { } launched && now - launched >= program.Backoff.Reset;

    public static string FormatSeconds(TimeSpan delay) =>
        delay.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
