using System.Collections.Frozen;

namespace Tickr.Domain.Common;

/// <summary>
/// An ISO 4217 currency with its number of minor-unit digits: TND has 3 (millimes), EUR and USD have 2. Only the
/// currencies Tickr can sell in are known; an unknown code is refused rather than guessed.
/// </summary>
public sealed record Currency
{
    public static readonly Currency Tnd = new("TND", 788, 3);
    public static readonly Currency Eur = new("EUR", 978, 2);
    public static readonly Currency Usd = new("USD", 840, 2);

    private static readonly FrozenDictionary<string, Currency> ByCode =
        new[] { Tnd, Eur, Usd }.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);

    private Currency(string code, int numericCode, int minorUnits)
    {
        Code = code;
        NumericCode = numericCode;
        MinorUnits = minorUnits;
    }

    /// <summary>The alphabetic code, e.g. <c>TND</c>.</summary>
    public string Code { get; }

    /// <summary>The numeric code, e.g. 788 for TND (what Tunisian card gateways expect).</summary>
    public int NumericCode { get; }

    /// <summary>Digits after the decimal point: 3 for TND, 2 for EUR.</summary>
    public int MinorUnits { get; }

    /// <summary>Minor units in one major unit: 1000 for TND, 100 for EUR.</summary>
    public long MinorPerMajor => MinorUnits switch { 0 => 1, 1 => 10, 2 => 100, 3 => 1000, _ => (long)Math.Pow(10, MinorUnits) };

    public static IReadOnlyCollection<Currency> All => ByCode.Values;

    /// <summary>The currency with this ISO code (case-insensitive); throws a <see cref="DomainException"/> for an unknown one.</summary>
    public static Currency FromCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return TryFromCode(code, out var currency)
            ? currency
            : throw new DomainException(DomainErrorCode.InvalidValue,
                $"'{code}' is not a currency Tickr sells in (known: {string.Join(", ", ByCode.Keys)}).", "currency");
    }

    public static bool TryFromCode(string? code, out Currency currency)
    {
        currency = null!;
        return code is not null && ByCode.TryGetValue(code.Trim().ToUpperInvariant(), out currency!);
    }

    public override string ToString() => Code;
}
