using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Tickr.Graph.Tests.TestHost;

/// <summary>Access tokens as the Users module will issue them (HS256, issuer and audience "tickr").</summary>
public static class Tokens
{
    public static string Create(
        string subject,
        string[]? roles = null,
        string key = TickrAppFactory.SigningKey,
        string issuer = "tickr",
        string audience = "tickr",
        DateTime? expires = null)
    {
        var claims = new List<Claim> { new("sub", subject) };
        claims.AddRange((roles ?? []).Select(r => new Claim("role", r)));
        var now = DateTime.UtcNow;
        var notBefore = expires is { } e && e < now ? e.AddMinutes(-10) : now.AddMinutes(-1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = notBefore,
            IssuedAt = notBefore,
            Expires = expires ?? now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }
}
