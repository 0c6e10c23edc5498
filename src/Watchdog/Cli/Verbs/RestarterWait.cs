using System.Globalization;
using Watchdog.Cli.Text;
using Watchdog.Cli.Views;
using Watchdog.Common.Processes;
using Watchdog.Common.State;

namespace Watchdog.Cli.Verbs;

// How `stop` and `start` wait for the restarter to act on down/NAME: its state file says so and /proc agrees.
internal static class RestarterWait
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    // True once done() holds; false when timeout passed first.
    public static async Task<bool> UntilAsync(Func<bool> done, TimeSpan timeout, TimeProvider time, CancellationToken cancellation)
    {
        var start = time.GetTimestamp();
        while (!done())
        {
            if (time.GetElapsedTime(start) >= timeout)
            {
                return false;
            }

            await Task.Delay(PollInterval, time, cancellation).ConfigureAwait(false);
        }

        return true;
    }

    // Stopped: the restarter records it stopped and the process it launched is gone.
    public static bool IsStopped(ProgramState? state) =>
        state is { Phase: ProgramPhase.Stopped } && !ProcFs.IsSameProcess(state.Pid, state.PidStartTime);

    // Started: running with a live process, launched after launchedAfter when given.
    public static bool IsStarted(ProgramState? state, DateTimeOffset? launchedAfter) =>
        state is { Phase: ProgramPhase.Running, LaunchedAt: { } at }
        && (launchedAfter is null || at >= launchedAfter)
        && ProcFs.IsSameProcess(state.Pid, state.PidStartTime);

    // The restarter's state, or null while it is missing or being replaced by a half-readable file.
    public static ProgramState? TryRead(StateStore store, string name)
    {
        try
        {
            return store.Read(name);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // What the restarter last recorded, for the message when it did not act in time.
    public static string Describe(ProgramView program) =>
        program.Error ?? program.State switch
        {
            null => "it has recorded no state for this program",
            { } s => string.Create(CultureInfo.InvariantCulture, $"it last recorded {ProgramConditionText.Words(program.Condition)}")
                + (s.Pid > 0 ? string.Create(CultureInfo.InvariantCulture, $", pid {s.Pid} {(program.Alive ? "alive" : "gone")}") : "")
                + (s.NextLaunchAt is { } next ? $", next launch at {Common.Protocol.ProblemLine.Timestamp(next)}" : ""),
        };
}
