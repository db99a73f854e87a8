using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Tickr.Graph.Auth;

/// <summary>The key that signs and validates Tickr's access tokens, and whether it was generated for this process.</summary>
public sealed class TickrSigningKey
{
    /// <summary>HMAC-SHA256 needs a key of at least 256 bits; IdentityModel refuses shorter ones at validation time.</summary>
    public const int MinimumBytes = 32;

    private TickrSigningKey(SymmetricSecurityKey key, bool isGenerated)
    {
        Key = key;
        IsGenerated = isGenerated;
    }

    public SymmetricSecurityKey Key { get; }

    /// <summary>True when no key was configured and a random development key is in use.</summary>
    public bool IsGenerated { get; }

    /// <summary>
    /// The configured key, or a random one in Development. Throws outside Development when none is configured, and
    /// for a key that is too short, so a misconfigured server fails at startup rather than on the first login.
    /// </summary>
    public static TickrSigningKey Resolve(string? configured, bool isDevelopment)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var bytes = Encoding.UTF8.GetBytes(configured);
            if (bytes.Length < MinimumBytes)
            {
                throw new InvalidOperationException(
                    $"{TickrAuthOptions.Section}:SigningKey is {bytes.Length} bytes long; HMAC-SHA256 needs at least {MinimumBytes} "
                    + "(e.g. `openssl rand -base64 48`).");
            }
            return new TickrSigningKey(new SymmetricSecurityKey(bytes), isGenerated: false);
        }
        if (isDevelopment)
        {
            return new TickrSigningKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(MinimumBytes)), isGenerated: true);
        }
        throw new InvalidOperationException(
            $"{TickrAuthOptions.Section}:SigningKey is not configured. Outside Development the server needs the key that signs "
            + "access tokens: set it (at least 32 bytes), e.g. with the environment variable Tickr__Auth__SigningKey.");
    }
}
