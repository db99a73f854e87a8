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
    private const string TokenLoginProvider = "[Tickr]";
    private const string LastCodeTokenName = "LastAuthenticatorCode";

    /// <summary>Longer than the validity of a code (Identity accepts the codes of 90 s either side).</summary>
    private static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);
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

    /// <summary>
    /// Whether <paramref name="code"/> is a valid authenticator code that was not used yet. Identity's provider accepts a
    /// code for about two and a half minutes and keeps no record of use; RFC 6238 (§5.2) wants a verified code refused
    /// the second time, so the last accepted code is kept with the account (Identity's user tokens) and refused again
    /// while it could still be valid. Two simultaneous uses of one code can still both pass (no lock is taken).
    /// </summary>
    public static async Task<bool> VerifyAuthenticatorCodeAsync(UserManager<TickrUser> users, TickrUser user, string code, DateTimeOffset now)
    {
        var clean = Clean(code);
        if (clean.Length != 6 || !clean.All(char.IsAsciiDigit))
        {
            return false;
        }
        var last = await users.GetAuthenticationTokenAsync(user, TokenLoginProvider, LastCodeTokenName);
        if (last?.Split(':') is [var lastCode, var at]
            && lastCode == clean
            && long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && now - DateTimeOffset.FromUnixTimeSeconds(seconds) < ReplayWindow)
        {
            return false;
        }
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, clean))
        {
            return false;
        }
        await users.SetAuthenticationTokenAsync(user, TokenLoginProvider, LastCodeTokenName,
            clean + ":" + now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>Whether <paramref name="code"/> is an unused authenticator code, or else an unused recovery code (which it then uses up).</summary>
    public static async Task<bool> AcceptAsync(UserManager<TickrUser> users, TickrUser user, string code, DateTimeOffset now)
    {
        var clean = Clean(code);
        if (clean.Length == 6 && clean.All(char.IsAsciiDigit))
        {
            return await VerifyAuthenticatorCodeAsync(users, user, clean, now);
        }
        return (await users.RedeemTwoFactorRecoveryCodeAsync(user, CleanRecovery(code))).Succeeded;
    }
}
