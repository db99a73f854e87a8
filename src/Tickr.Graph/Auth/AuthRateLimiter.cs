using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Tickr.Graph.Auth;

/// <summary>The account operations that are rate limited, each with its own limit (<c>Tickr:RateLimits:{name}:*</c>).</summary>
public enum AuthRateLimitPolicy
{
    /// <summary><c>login</c> and <c>completeTwoFactorLogin</c>: per client IP and per email address.</summary>
    Login,

    /// <summary><c>register</c>: per client IP.</summary>
    Register,

    /// <summary><c>requestPasswordReset</c>: per client IP and per email address.</summary>
    PasswordReset,

    /// <summary><c>requestEmailConfirmation</c>: per client IP and per email address.</summary>
    EmailConfirmation,

    /// <summary><c>refreshToken</c>: per client IP.</summary>
    Refresh,
}

/// <summary>A fixed-window limit: at most <see cref="PermitLimit"/> attempts per <see cref="Window"/> and partition.</summary>
public sealed class RateLimitSettings
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}

/// <summary>
/// Limits attempts at sign-in, registration, password resets and token refreshes, with System.Threading.RateLimiting
/// (what ASP.NET Core's rate-limiting middleware is built on) partitioned by client IP and, where it applies, by email
/// address. Limits are per server instance: N instances behind a load balancer allow up to N times the limit.
/// A refusal is reported by the mutation as a <c>RateLimitedError</c>; nothing else happens.
/// </summary>
public sealed class AuthRateLimiter : IDisposable
{
    /// <summary>The configuration section; each policy is a subsection (<c>Tickr:RateLimits:Login:PermitLimit</c>).</summary>
    public const string Section = "Tickr:RateLimits";

    private static readonly Dictionary<AuthRateLimitPolicy, RateLimitSettings> Defaults = new()
    {
        [AuthRateLimitPolicy.Login] = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) },
        [AuthRateLimitPolicy.Register] = new() { PermitLimit = 20, Window = TimeSpan.FromHours(1) },
        [AuthRateLimitPolicy.PasswordReset] = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(15) },
        [AuthRateLimitPolicy.EmailConfirmation] = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(15) },
        [AuthRateLimitPolicy.Refresh] = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) },
    };

    private readonly ConcurrentDictionary<AuthRateLimitPolicy, PartitionedRateLimiter<string>> _limiters = new();
    private readonly IConfiguration _configuration;

    public AuthRateLimiter(IConfiguration configuration) => _configuration = configuration;

    /// <summary>The settings of <paramref name="policy"/>: its defaults overridden by configuration.</summary>
    public RateLimitSettings SettingsOf(AuthRateLimitPolicy policy)
    {
        var defaults = Defaults[policy];
        var settings = new RateLimitSettings { PermitLimit = defaults.PermitLimit, Window = defaults.Window };
        _configuration.GetSection($"{Section}:{policy}").Bind(settings);
        if (settings.PermitLimit < 1 || settings.Window <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Section}:{policy} needs PermitLimit ≥ 1 and a positive Window.");
        }
        return settings;
    }

    /// <summary>
    /// Takes one permit in each partition (<paramref name="partitions"/>, e.g. <c>ip:…</c> and <c>email:…</c>). Returns
    /// null when every partition allowed it, else the seconds to wait before retrying (at least 1).
    /// </summary>
    public int? TryAcquire(AuthRateLimitPolicy policy, params string[] partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var limiter = _limiters.GetOrAdd(policy, Create);
        int? retryAfter = null;
        foreach (var partition in partitions)
        {
            using var lease = limiter.AttemptAcquire(partition);
            if (!lease.IsAcquired)
            {
                var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 1;
                retryAfter = Math.Max(retryAfter ?? 1, Math.Max(seconds, 1));
            }
        }
        return retryAfter;
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    private PartitionedRateLimiter<string> Create(AuthRateLimitPolicy policy)
    {
        var settings = SettingsOf(policy);
        return PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.PermitLimit,
            Window = settings.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }), StringComparer.Ordinal);
    }
}
