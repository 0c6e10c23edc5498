using System.Diagnostics;

namespace Watchdog.Tests.Support;

/// Waits for a condition with a generous deadline instead of sleeping a fixed time and hoping.
public static class Poll
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    /// Returns once condition() is true; fails the test with what was awaited when the deadline passes.
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? deadline = null)
    {
        var limit = deadline ?? DefaultDeadline;
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"still waiting after {limit.TotalSeconds:0}s for: {what}");
            }

            await Task.Delay(20);
        }
    }

    /// Like UntilAsync, for a value: returns it once it is non-null.
    public static async Task<T> ForAsync<T>(Func<T?> probe, string what, TimeSpan? deadline = null)
        where T : class
    {
        T? value = null;
        await UntilAsync(() => (value = probe()) is not null, what, deadline);
        return value!;
    }
}
