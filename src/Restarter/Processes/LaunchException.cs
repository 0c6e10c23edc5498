namespace Watchdog.Restarter.Processes;

// A program could not be started; the message says what failed and what to do about it.
internal sealed class LaunchException : Exception
{
    public LaunchException(string message)
        : base(message)
    {
    }

    public LaunchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
