using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tickr.Domain.Common;

namespace Tickr.Data;

/// <summary>Currencies are stored as their ISO code (<c>TND</c>).</summary>
internal sealed class CurrencyConverter() : ValueConverter<Currency, string>(c => c.Code, s => Currency.FromCode(s))
{
    public static readonly CurrencyConverter Instance = new();
}
