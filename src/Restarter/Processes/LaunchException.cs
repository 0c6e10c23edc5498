namespace Watchdog.Restarter.Processes;

internal sealed class LaunchException : Exception
{
    public LaunchException()
    {
    }

    public LaunchException(string message)
        : base(message)
    {
    }

    public LaunchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
