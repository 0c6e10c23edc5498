namespace Deploy.Tests;

// A test that boots a real systemd in private namespaces: skipped, with the reason, where that cannot work.
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SystemdFactAttribute : FactAttribute
{
    public SystemdFactAttribute()
    {
        if (SystemdNamespace.UnavailableReason() is { } reason)
        {
            Skip = reason;
        }
    }
}
