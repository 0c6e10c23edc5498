namespace Watchdog.Common.Config;

// The config cannot be used; every error found, not just the first.
internal sealed class ConfigException : Exception
{
    public ConfigException(IReadOnlyList<ConfigError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<ConfigError> Errors { get; }

    private static string Describe(IReadOnlyList<ConfigError> errors) =>
        errors.Count == 1 ? $"1 error in the config:\n  {errors[0]}"
        : $"{errors.Count} errors in the config:\n  " + string.Join("\n  ", errors);
}
