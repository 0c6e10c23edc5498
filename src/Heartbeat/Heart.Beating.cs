using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Heartbeat;

public sealed partial class Heart
{
    // The writer kind in the library's temp names (TempName), told apart from the daemons' own.
    private const string Kind = "heart";

    private string? _failureReason;

    // wait: false for Beat (a thread that finds another one touching the file returns that beat's result instead of
    // queueing behind its I/O); true for ChangeTimeout, which must write the new content itself.
    private bool BeatNow(long now, bool wait)
    {
        if (wait)
        {
            _gate.Enter();
        }
        else if (!_gate.TryEnter())
        {
            return _lastBeatOk;
        }

        try
        {
            if (!wait && now < _nextAttempt)
            {
                return _lastBeatOk;
            }

            var outcome = Attempt();
            _lastBeatOk = outcome == FileResult.Ok;
            Volatile.Write(ref _nextAttempt, now + Volatile.Read(ref _throttleTimestampTicks));
            Report(outcome);
            return _lastBeatOk;
        }
        finally
        {
            _gate.Exit();
        }
    }

    private FileResult Attempt()
    {
        try
        {
            // The first beat (and the first after ChangeTimeout) makes sure the file declares this heart's timeout:
            // the restarter may have written the configured one, and the program's own declaration wins (DESIGN.md §3).
            // The beat itself is the one `watchdog beat` does (HeartBeat): a symlink or fifo in place of the heart or
            // of the hearts directory is refused, never followed, opened or waited on.
            var outcome = HeartBeat.Beat(_directoryZ!, _nameZ!, Name, _content, declare: !_declared, Kind, out var inDirectory);
            _declared |= outcome == FileResult.Ok;
            _failureReason = outcome == FileResult.Ok ? null
                : inDirectory ? $"the hearts directory {_directory}: {FileResultText.Describe(outcome)}"
                : FileResultText.Describe(outcome);
            return outcome;
        }
        catch (Exception e)
        {
            // Whatever else the runtime throws is a failed beat, never the app's problem.
            _failureReason = e.Message;
            return FileResult.OtherError;
        }
    }

    // Once per change of outcome, never per call: a heart failing in a hot loop must not flood the log.
    private void Report(FileResult outcome)
    {
        if (outcome == _reported)
        {
            return;
        }

        var first = _reported is null;
        _reported = outcome;
        try
        {
            Log(outcome, first);
        }
        catch (Exception)
        {
            // Logging never brings the program down: a throwing logger loses this report, nothing else.
        }
    }

    private void Log(FileResult outcome, bool first)
    {
        if (outcome != FileResult.Ok)
        {
            HeartLog.CannotBeat(_logger, Name, _path!, _failureReason ?? FileResultText.Describe(outcome));
        }
        else if (first)
        {
            HeartLog.Beating(_logger, Name, _path!, Timeout.TotalSeconds);
        }
        else
        {
            HeartLog.BeatsAgain(_logger, Name, _path!);
        }
    }
}
