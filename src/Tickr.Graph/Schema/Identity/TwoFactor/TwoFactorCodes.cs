using System.Globalization;
using Uri = System.Uri;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Tickr.Data.Identity;

namespace Tickr.Graph.Schema.Identity;

/// <summary>Authenticator codes as people type them, and the key and URI authenticator apps read.</summary>
internal static class TwoFactorCodes
{
    public const string Issuer = "Tickr";
    public const int RecoveryCodeCount = 10;

    /// <summary>Removes the spaces and hyphens people type between digits.</summary>
    public static string Clean(string code) => code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();

    /// <summary>A recovery code as Identity stores it (<c>XXXXX-XXXXX</c>, upper case), however it was typed.</summary>
    public static string CleanRecovery(string code)
    {
        var compact = Clean(code).ToUpperInvariant();
        return compact.Length == 10 ? compact[..5] + "-" + compact[5..] : compact;
    }

    /// <summary>The base32 key in groups of four, easier to type by hand.</summary>
    public static string Grouped(string key)
    {
        var sb = new StringBuilder(key.Length + key.Length / 4);
        for (var i = 0; i < key.Length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                sb.Append(' ');
            }
            sb.Append(char.ToLowerInvariant(key[i]));
        }
        return sb.ToString();
    }

    /// <summary>The <c>otpauth://</c> URI (Key Uri Format) that authenticator apps scan as a QR code.</summary>
    public static string AuthenticatorUri(string email, string key)
    {
        var issuer = Uri.EscapeDataString(Issuer);
        return string.Create(CultureInfo.InvariantCulture, $"otpauth://totp/{issuer}:{Uri.EscapeDataString(email)}?secret={key}&issuer={issuer}&digits=6");
    }

    /// <summary>Whether <paramref name="code"/> is the authenticator's current code, or else an unused recovery code (which it then uses up).</summary>
    public static async Task<bool> AcceptAsync(UserManager<TickrUser> users, TickrUser user, string code)
    {
        var clean = Clean(code);
        if (clean.Length == 6 && clean.All(char.IsAsciiDigit))
        {
            return await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, clean).ConfigureAwait(false);
        }
        return (await users.RedeemTwoFactorRecoveryCodeAsync(user, CleanRecovery(code)).ConfigureAwait(false)).Succeeded;
    }
}
