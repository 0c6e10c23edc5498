using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Watchdog.Common.Config;
using Watchdog.Common.Hosting;
using Watchdog.Common.State;
using Watchdog.Restarter.Processes;

namespace Watchdog.Restarter.Supervision;

// One program's supervision: its own sequential loop, so that one program's stop grace never delays another's
// recovery. The loop waits for a wake (an exit from the ExitBook, a file event, the rescan) or the time the last
// pass asked for; each pass is ProgramExecutor.StepAsync.
internal sealed class ProgramSupervisor
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

    private readonly SupervisionContext context;
    private readonly ILogger logger;
    private readonly ProgramExecutor executor;
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public ProgramSupervisor(ProgramOptions program, SupervisionContext context, ProblemEntries problems)
    {
        this.context = context;
        Name = program.Name;
        logger = context.LoggerFactory.CreateLogger(LogCategory.ForProgram(program.Name));
        executor = new ProgramExecutor(program, context, problems, Wake, logger);
    }

    // The options the program runs with, or the ones a reload just handed over.
    public ProgramOptions Program => executor.Program;

    public string Name { get; }

    public ProgramState State => executor.State;

    public void Wake() => wake.Writer.TryWrite(true);

    public void Reconfigure(ProgramOptions options)
    {
        executor.Reconfigure(options);
        Wake();
    }

    public Task<string> KillForRemovalAsync() => executor.KillForRemovalAsync();

    public void Initialize(ProgramState? recorded, IReadOnlyList<TaggedProcess> tagged, InstanceId instance) =>
        executor.Initialize(recorded, tagged, instance);

    public Task<DateTimeOffset?> StepAsync(CancellationToken cancellationToken) => executor.StepAsync(cancellationToken);

    public Task ShutdownAsync(CancellationToken cancellationToken) => executor.ShutdownAsync(cancellationToken);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            DateTimeOffset? wakeAt;
            try
            {
                wakeAt = await StepAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogError(e, "Supervising {Program} failed; trying again in a second", Name);
                wakeAt = context.Time.GetUtcNow() + RetryAfterFailure;
            }

            await WaitAsync(wakeAt, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitAsync(DateTimeOffset? wakeAt, CancellationToken cancellationToken)
    {
        try
        {
            if (wakeAt is not { } at)
            {
                await wake.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            var delay = at - context.Time.GetUtcNow();
            if (delay <= TimeSpan.Zero)
            {
                return;
            }

            using var timer = new CancellationTokenSource(delay, context.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
            await wake.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The timer ran out, or the daemon is stopping (RunAsync checks which).
        }
    }
}
