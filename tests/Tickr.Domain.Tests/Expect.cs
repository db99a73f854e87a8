using Tickr.Domain.Common;

namespace Tickr.Domain.Tests;

/// <summary>Assertions on the domain's refusals: the rule that refused is part of the specification.</summary>
internal static class Expect
{
    /// <summary>Runs <paramref name="action"/> and checks that a business rule refused it with <paramref name="code"/>.</summary>
    public static DomainException Refusal(DomainErrorCode code, Action action)
    {
        var e = Assert.Throws<DomainException>(action);
        Assert.Equal(code, e.Code);
        return e;
    }

    /// <inheritdoc cref="Refusal(DomainErrorCode, Action)"/>
    public static DomainException Refusal(DomainErrorCode code, string field, Action action)
    {
        var e = Refusal(code, action);
        Assert.Equal(field, e.Field);
        return e;
    }
}
