using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Watchdog.Common.Interop;
using Watchdog.Common.Protocol;

namespace Watchdog.Heartbeat;

/// <summary>
/// One heartbeat file: <c>&lt;directory&gt;/&lt;name&gt;</c>, whose modification time is the last beat and whose
/// content is the heart's timeout in seconds. The watchdog declares the program hung when the file is older
/// than its timeout.
/// </summary>
/// <remarks>
/// <para>
/// Call <see cref="Beat"/> from the code whose progress you want to prove — ideally the very loop that must keep
/// turning. It is safe to call from any number of threads, never throws, allocates nothing, and is throttled:
/// a call within <see cref="ThrottleInterval"/> of the last touch costs one clock read.
/// </para>
/// <para>
/// A supervised program usually gets its heart from <see cref="FromEnvironment(HeartOptions?)"/>; outside
/// supervision that returns a heart that does nothing, so the same program runs unchanged on a laptop.
/// </para>
/// </remarks>
public sealed partial class Heart
{
    private readonly Lock _gate = new();
    private readonly string? _directory;
    private readonly string? _path;
    private readonly byte[]? _directoryZ;
    private readonly byte[]? _nameZ;
    private readonly TimeSpan? _configuredThrottle;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    private long _nextAttempt;
    private volatile bool _lastBeatOk = true;
    private long _timeoutTicks;
    private long _throttleTicks;
    private long _throttleTimestampTicks;
    private byte[] _content;
    private bool _declared;
    private FileResult? _reported;

    /// <summary>
    /// Creates the heart <paramref name="name"/> in <paramref name="directory"/> with the given timeout. Nothing is
    /// written until the first <see cref="Beat"/>.
    /// </summary>
    /// <param name="directory">The hearts directory (for a supervised program, <c>WATCHDOG_HEARTS</c>).</param>
    /// <param name="name">
    /// The heart's name: 1-128 characters from <c>A-Z a-z 0-9 . _ -</c>, starting with a letter or digit.
    /// </param>
    /// <param name="timeout">
    /// How long the heart may stay silent before the watchdog treats the program as hung: 1 ms to 31 days.
    /// </param>
    /// <param name="options">Throttle interval, logger and clock; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The name is not a valid heart name, or the directory is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The timeout is out of range, or the throttle interval is negative or not shorter than the timeout.
    /// </exception>
    public Heart(string directory, string name, TimeSpan timeout, HeartOptions? options = null)
        : this(name, timeout, options, unnamed: false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = System.IO.Path.GetFullPath(directory);
        _path = System.IO.Path.Combine(_directory, name);
        _directoryZ = Utf8Z.Of(_directory);
        _nameZ = Utf8Z.Of(name);
        _nextAttempt = long.MinValue;
    }

    // A heart outside supervision: no file, every beat succeeds at once.
    private Heart(string name, TimeSpan timeout, HeartOptions? options, bool unnamed)
    {
        if (!(unnamed && name.Length == 0))
        {
            HeartArguments.ValidateName(name, nameof(name));
        }

        HeartArguments.ValidateTimeout(timeout, nameof(timeout));
        _configuredThrottle = options?.ThrottleInterval;
        ValidateThrottle(_configuredThrottle, timeout, nameof(options));
        Name = name;
        _time = options?.TimeProvider ?? TimeProvider.System;
        _logger = options?.Logger ?? NullLogger.Instance;
        _nextAttempt = long.MaxValue;
        _content = SetTimeout(timeout);
    }

    /// <summary>The timeout used when neither the caller nor <c>WATCHDOG_HEART_TIMEOUT</c> gives one: 30 seconds.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The heart's name, which is also its file name; empty for an unnamed unsupervised heart.</summary>
    public string Name { get; }

    /// <summary>The absolute path of the heart file, or <see langword="null"/> when the heart is not supervised.</summary>
    public string? FilePath => _path;

    /// <summary>
    /// <see langword="false"/> for the heart <see cref="FromEnvironment(HeartOptions?)"/> returns outside
    /// supervision, whose beats do nothing.
    /// </summary>
    public bool IsSupervised => _path is not null;

    /// <summary>How long the heart may stay silent before the watchdog treats the program as hung.</summary>
    public TimeSpan Timeout => TimeSpan.FromTicks(Volatile.Read(ref _timeoutTicks));

    /// <summary>The shortest time between two touches of the file (by default a quarter of <see cref="Timeout"/>).</summary>
    public TimeSpan ThrottleInterval => TimeSpan.FromTicks(Volatile.Read(ref _throttleTicks));

    /// <summary>
    /// Proves the program alive: touches the heart file (creating it, with the timeout as content, when it is
    /// missing). Within <see cref="ThrottleInterval"/> of the last attempt it only reads the clock.
    /// </summary>
    /// <returns>
    /// <see langword="true"/> when the heart file is up to date (or the heart is not supervised);
    /// <see langword="false"/> when the last attempt failed. A failure is logged once, not on every call, and the
    /// attempt is retried after <see cref="ThrottleInterval"/>.
    /// </returns>
    public bool Beat()
    {
        var now = _time.GetTimestamp();
        return now < Volatile.Read(ref _nextAttempt) ? _lastBeatOk : BeatNow(now, wait: false);
    }

    /// <summary>
    /// Declares a new timeout, for example before a long step that cannot beat: rewrites the heart file's content
    /// at once (which is also a beat). The default throttle interval follows the new timeout.
    /// </summary>
    /// <param name="timeout">The new timeout: 1 ms to 31 days, and longer than a configured throttle interval.</param>
    /// <returns>The same as <see cref="Beat"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is out of range.</exception>
    public bool ChangeTimeout(TimeSpan timeout)
    {
        HeartArguments.ValidateTimeout(timeout, nameof(timeout));
        ValidateThrottle(_configuredThrottle, timeout, nameof(timeout));
        lock (_gate)
        {
            _content = SetTimeout(timeout);
            _declared = false;
        }

        return !IsSupervised || BeatNow(_time.GetTimestamp(), wait: true);
    }

    /// <summary>Returns the heart's name and file, for logs.</summary>
    /// <returns>For example <c>heart api at /var/lib/watchdog/hearts/api (timeout 30s)</c>.</returns>
    public override string ToString() => IsSupervised
        ? string.Create(CultureInfo.InvariantCulture, $"heart {Name} at {_path} (timeout {Timeout.TotalSeconds}s)")
        : $"heart {Name} (not supervised)";

    private static void ValidateThrottle(TimeSpan? throttle, TimeSpan timeout, string paramName)
    {
        if (throttle is { } value && (value < TimeSpan.Zero || value >= timeout))
        {
            throw new ArgumentOutOfRangeException(
                paramName, value, $"The throttle interval must be zero or more and shorter than the timeout ({timeout}).");
        }
    }

    private byte[] SetTimeout(TimeSpan timeout)
    {
        var throttle = _configuredThrottle ?? timeout / 4;
        Volatile.Write(ref _timeoutTicks, timeout.Ticks);
        Volatile.Write(ref _throttleTicks, throttle.Ticks);
        Volatile.Write(ref _throttleTimestampTicks, (long)(throttle.Ticks * ((double)_time.TimestampFrequency / TimeSpan.TicksPerSecond)));
        return HeartTimeout.Encode(timeout);
    }
}
