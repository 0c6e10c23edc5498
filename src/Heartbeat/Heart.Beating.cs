using Watchdog.Heartbeat.Interop;

namespace Watchdog.Heartbeat;

public sealed partial class Heart
{
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
            _lastBeatOk = outcome == BeatOutcome.Ok;
            Volatile.Write(ref _nextAttempt, now + Volatile.Read(ref _throttleTimestampTicks));
            Report(outcome);
            return _lastBeatOk;
        }
        finally
        {
            _gate.Exit();
        }
    }

    private BeatOutcome Attempt()
    {
        var path = _path!;
        try
        {
            // The first beat (and the first after ChangeTimeout) makes sure the file declares this heart's timeout:
            // the restarter may have written the configured one, and the program's own declaration wins (DESIGN.md §3).
            if (!_declared && !HeartFile.HasContent(path, _content))
            {
                HeartFile.Write(path, _directory!, Name, _content);
                _declared = true;
                return BeatOutcome.Ok;
            }

            var outcome = NativeMethods.Touch(_pathZ);
            if (outcome == BeatOutcome.FileMissing)
            {
                HeartFile.Write(path, _directory!, Name, _content);
                outcome = BeatOutcome.Ok;
            }

            _declared |= outcome == BeatOutcome.Ok;
            _failureReason = null;
            return outcome;
        }
        catch (DirectoryNotFoundException e)
        {
            _failureReason = e.Message;
            return BeatOutcome.DirectoryMissing;
        }
        catch (UnauthorizedAccessException e)
        {
            _failureReason = e.Message;
            return BeatOutcome.PermissionDenied;
        }
        catch (Exception e)
        {
            // Whatever else the runtime throws (IOException, an odd file system) is a failed beat, never the app's problem.
            _failureReason = e.Message;
            return BeatOutcome.Failed;
        }
    }

    // Once per change of outcome, never per call: a heart failing in a hot loop must not flood the log.
    private void Report(BeatOutcome outcome)
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

    private void Log(BeatOutcome outcome, bool first)
    {
        if (outcome != BeatOutcome.Ok)
        {
            HeartLog.CannotBeat(_logger, Name, _path!, _failureReason ?? Describe(outcome));
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

    private static string Describe(BeatOutcome outcome) => outcome switch
    {
        BeatOutcome.DirectoryMissing => "the hearts directory does not exist",
        BeatOutcome.PermissionDenied => "permission denied",
        BeatOutcome.NoSpace => "no space left on the device",
        BeatOutcome.ReadOnlyFileSystem => "the file system is read-only",
        _ => "the file could not be touched",
    };
}
