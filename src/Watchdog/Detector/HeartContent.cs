namespace Watchdog.Detector;

// What a heart file's content says about its timeout.
internal enum HeartContent
{
    Valid,
    Empty,
    TooLong,
    NotATimeout,
    Unreadable,
}
