using Tickr.Domain.Common;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Common;

/// <summary>An exact amount of money: integer minor units and an ISO 4217 currency (never a float).</summary>
[GraphQLName("Money")]
public sealed class MoneyAmount(Money value)
{
    /// <summary>The amount in the currency's minor unit: 50 TND is 50000 (millimes), 12.50 EUR is 1250 (cents).</summary>
    public long MinorUnits => value.MinorUnits;

    /// <summary>The same amount in major units as an exact decimal (50.000 TND → 50.000).</summary>
    public decimal Amount => value.ToDecimal();

    /// <summary>ISO 4217 currency code (TND, EUR, USD).</summary>
    public string Currency => value.Currency.Code;

    /// <summary>Digits after the decimal point in this currency (3 for TND, 2 for EUR).</summary>
    public int MinorUnitDigits => value.Currency.MinorUnits;

    /// <summary>The amount with all its minor digits and the code, e.g. <c>48.000 TND</c>.</summary>
    public string Formatted => value.ToString();

    internal static MoneyAmount? From(Money? value) => value is { } v ? new MoneyAmount(v) : null;
}

/// <summary>An amount of money given by a client: a currency and either minor units or an exact decimal amount.</summary>
[GraphQLName("MoneyInput")]
public sealed class MoneyInput
{
    /// <summary>ISO 4217 currency code (TND, EUR, USD); must be the event's currency.</summary>
    public required string Currency { get; init; }

    /// <summary>The amount in minor units (50 TND = 50000). Give this or <c>amount</c>, not both.</summary>
    public long? MinorUnits { get; init; }

    /// <summary>The amount as an exact decimal in major units (50.000). Give this or <c>minorUnits</c>, not both.</summary>
    public decimal? Amount { get; init; }

    /// <summary>The domain value; a <see cref="DomainException"/> for an unknown currency, both or neither amount, or too many decimals.</summary>
    public Money ToMoney(string field)
    {
        var currency = Domain.Common.Currency.TryFromCode(Currency, out var c)
            ? c
            : throw new DomainException(DomainErrorCode.InvalidValue, $"'{Currency}' is not a currency Tickr sells in.", field + ".currency");
        return (MinorUnits, Amount) switch
        {
            ({ } minor, null) => new Money(minor, currency),
            (null, { } amount) => FromDecimal(amount, currency, field),
            _ => throw new DomainException(DomainErrorCode.InvalidValue, $"{field}: give exactly one of minorUnits and amount.", field),
        };
    }

    /// <summary><see cref="Money.FromDecimal"/>, with the error naming this input's field (<c>price.amount</c>).</summary>
    private static Money FromDecimal(decimal amount, Domain.Common.Currency currency, string field)
    {
        try
        {
            return Money.FromDecimal(amount, currency);
        }
        catch (DomainException e)
        {
            throw new DomainException(e.Code, e.Message, field + ".amount");
        }
    }
}
