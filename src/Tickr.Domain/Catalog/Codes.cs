using Tickr.Domain.Common;

namespace Tickr.Domain.Catalog;

/// <summary>
/// Promo and access codes: what a buyer types, so case-insensitive and stored upper-case; 3 to 40 letters, digits,
/// hyphens or underscores.
/// </summary>
public static class Codes
{
    public const int MinLength = 3;
    public const int MaxLength = 40;

    public static string Normalize(string? code, string field)
    {
        var value = code?.Trim().ToUpperInvariant() ?? "";
        if (value.Length is < MinLength or > MaxLength || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new DomainException(DomainErrorCode.InvalidValue,
                $"{field} must be {MinLength} to {MaxLength} letters, digits, '-' or '_'.", field);
        }
        return value;
    }

    /// <summary>Normalizes what a buyer typed for comparison; null when it cannot be a code at all.</summary>
    public static string? TryNormalize(string? code)
    {
        var value = code?.Trim().ToUpperInvariant();
        return value is { Length: >= MinLength and <= MaxLength } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? value
            : null;
    }
}
