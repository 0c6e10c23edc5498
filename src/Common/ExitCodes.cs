namespace Watchdog.Common;

// Exit codes shared by both executables (sysexits.h where one fits).
internal static class ExitCodes
{
    public const int Ok = 0;

    // `status` found something unhealthy; `check` found the heart stale or missing.
    public const int Unhealthy = 1;

    public const int Usage = 2;

    // EX_CONFIG: the config is wrong; systemd's RestartPreventExitStatus=78 stops a restart loop on it.
    public const int Config = 78;
}
