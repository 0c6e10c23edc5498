using Microsoft.Win32.SafeHandles;

namespace Watchdog.Common.Interop;

// Handle: set when Acquired, the caller keeps it open for the lock's whole life. Holder: the file's content when
// Held. Error: when Failed.
internal readonly record struct LockResult(LockOutcome Outcome, SafeFileHandle? Handle, string? Holder, FileResult Error);
