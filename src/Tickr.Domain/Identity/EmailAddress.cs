using System.Net.Mail;
using Tickr.Domain.Common;

namespace Tickr.Domain.Identity;

/// <summary>Email addresses as Tickr compares them: trimmed, lower-case, one address without a display name.</summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static string Normalize(string? email)
    {
        var value = email?.Trim().ToLowerInvariant() ?? "";
        if (!IsValid(value))
        {
            throw new DomainException(DomainErrorCode.InvalidValue, $"'{email}' is not an email address.", "email");
        }
        return value;
    }

    public static bool IsValid(string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > MaxLength || email.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }
        // MailAddress accepts "Name <a@b>": insist that what was parsed is the whole input.
        return MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && parsed.Host.Contains('.', StringComparison.Ordinal);
    }
}
