namespace Watchdog.Common;

// Exit codes shared by both executables (sysexits.h where one fits).
internal static class ExitCodes
{
    public const int Ok = 0;

    // `status` found something unhealthy; `check` found the heart stale or missing.
    public const int Unhealthy = 1;

    public const int Usage = 2;

    // EX_SOFTWARE: a daemon's loop itself failed (a bug); systemd restarts the daemon.
    public const int Software = 70;

    // EX_TEMPFAIL: another daemon of the same kind holds this root's lock, or the lock file cannot be taken.
    public const int Locked = 75;

    // EX_CONFIG: the config is wrong; systemd's RestartPreventExitStatus=78 stops a restart loop on it.
    public const int Config = 78;
}
