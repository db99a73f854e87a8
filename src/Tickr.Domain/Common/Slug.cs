using System.Globalization;
using System.Text;

namespace Tickr.Domain.Common;

/// <summary>URL-safe identifiers made from titles: <c>"Festival de Carthage 2027"</c> → <c>festival-de-carthage-2027</c>.</summary>
public static class Slug
{
    public const int MaxLength = 80;

    /// <summary>Lower-case ASCII letters and digits separated by single hyphens; accents dropped (é → e).</summary>
    public static string From(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        var pendingHyphen = false;
        foreach (var c in Text.RemoveDiacritics(text))
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9' or >= 'A' and <= 'Z')
            {
                // The hyphen and the character come together: both must fit, or the slug ends here.
                if (sb.Length + (pendingHyphen ? 2 : 1) > MaxLength)
                {
                    break;
                }
                if (pendingHyphen)
                {
                    sb.Append('-');
                    pendingHyphen = false;
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingHyphen = sb.Length > 0;
            }
        }
        return sb.ToString();
    }

    /// <summary>True for a slug as <see cref="From"/> makes them (what a client may pass explicitly).</summary>
    public static bool IsValid(string? slug)
    {
        if (string.IsNullOrEmpty(slug) || slug.Length > MaxLength || slug[0] == '-' || slug[^1] == '-')
        {
            return false;
        }
        for (var i = 0; i < slug.Length; i++)
        {
            var c = slug[i];
            var ok = c is >= 'a' and <= 'z' or >= '0' and <= '9' || (c == '-' && slug[i - 1] != '-');
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Checks a client-given slug; throws a <see cref="DomainException"/> when it is not one.</summary>
    public static string Require(string slug, string field = "slug") =>
        IsValid(slug)
            ? slug
            : throw new DomainException(DomainErrorCode.InvalidValue,
                $"'{slug}' is not a valid slug: lower-case letters, digits and single hyphens, at most {MaxLength} characters.", field);
}

/// <summary>Text helpers shared by slugs and search.</summary>
public static class Text
{
    /// <summary>
    /// <c>"Théâtre Municipal"</c> → <c>"Theatre Municipal"</c>: combining marks removed after decomposition, and the
    /// Latin letters that have no decomposition spelled out as PostgreSQL's unaccent does (<c>cœur</c> → <c>coeur</c>,
    /// <c>Straße</c> → <c>Strasse</c>), so that slugs keep them and search compares text the same way on both sides.
    /// </summary>
    public static string RemoveDiacritics(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Normalize() throws on malformed UTF-16 (a lone surrogate), which any client can send: replace it first.
        var decomposed = WithoutLoneSurrogates(text).Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (SpelledOut(c) is { } letters)
            {
                sb.Append(letters);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(c);
            }
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string? SpelledOut(char c) => c switch
    {
        'Œ' => "OE",
        'œ' => "oe",
        'Æ' => "AE",
        'æ' => "ae",
        'ß' => "ss",
        'ẞ' => "SS",
        'Ø' => "O",
        'ø' => "o",
        'Đ' or 'Ð' => "D",
        'đ' or 'ð' => "d",
        'Ł' => "L",
        'ł' => "l",
        'Þ' => "TH",
        'þ' => "th",
        'ı' => "i",
        _ => null,
    };

    private static string WithoutLoneSurrogates(string text)
    {
        char[]? copy = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var paired = char.IsHighSurrogate(c) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                : !char.IsLowSurrogate(c) || (i > 0 && char.IsHighSurrogate(text[i - 1]));
            if (!paired)
            {
                copy ??= text.ToCharArray();
                copy[i] = '\uFFFD';
            }
        }
        return copy is null ? text : new string(copy);
    }

    /// <summary>Trims and checks a required text: not empty, at most <paramref name="maxLength"/> characters.</summary>
    public static string Required(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException(DomainErrorCode.InvalidValue, $"{field} must not be empty.", field);
        }
        if (trimmed.Length > maxLength)
        {
            throw new DomainException(DomainErrorCode.InvalidValue, $"{field} is longer than {maxLength} characters.", field);
        }
        return trimmed;
    }

    /// <summary>Trims an optional text; empty becomes null; longer than <paramref name="maxLength"/> is refused.</summary>
    public static string? Optional(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (trimmed.Length > maxLength)
        {
            throw new DomainException(DomainErrorCode.InvalidValue, $"{field} is longer than {maxLength} characters.", field);
        }
        return trimmed;
    }
}
