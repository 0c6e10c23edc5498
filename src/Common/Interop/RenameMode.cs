namespace Watchdog.Common.Interop;

// renameat2(2)'s three behaviours the protocol uses.
internal enum RenameMode
{
    Replace,
    NoReplace,
    Exchange,
}
