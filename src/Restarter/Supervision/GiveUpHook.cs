using Microsoft.Extensions.Logging;
using Watchdog.Common.Processes;

namespace Watchdog.Restarter.Supervision;

// on_give_up: run in the background (bounded by its timeout), so a slow hook never delays supervision.
internal static class GiveUpHook
{
    public static void Start(SupervisionContext context, string program, string reason, ILogger logger)
    {
        if (context.Options.OnGiveUp.Count == 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                var result = await context.Host.RunHookAsync(
                    context.Options.OnGiveUp,
                    [new(HookTag.Program, program), new(HookTag.Reason, reason)],
                    context.Options.OnGiveUpTimeout,
                    CancellationToken.None).ConfigureAwait(false);
                logger.LogInformation("on_give_up for {Program}: {Result}", program, result.Describe());
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogError(e, "on_give_up for {Program} failed", program);
            }
        });
    }
}
