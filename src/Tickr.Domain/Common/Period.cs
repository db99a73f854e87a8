namespace Tickr.Domain.Common;

/// <summary>Checks on instants and periods shared by events, sales windows and promo codes.</summary>
public static class Period
{
    /// <summary>Throws <see cref="DomainErrorCode.InvalidPeriod"/> unless <paramref name="end"/> is after <paramref name="start"/>.</summary>
    public static void Require(DateTimeOffset? start, DateTimeOffset? end, string endField)
    {
        if (start is { } s && end is { } e && e <= s)
        {
            throw new DomainException(DomainErrorCode.InvalidPeriod,
                $"{endField} ({e:O}) must be after the start ({s:O}).", endField);
        }
    }

    /// <summary>Instants are stored in UTC; the offset a client sent is kept only as the instant it denotes.</summary>
    public static DateTimeOffset Utc(DateTimeOffset value) => value.ToUniversalTime();

    public static DateTimeOffset? Utc(DateTimeOffset? value) => value?.ToUniversalTime();
}
