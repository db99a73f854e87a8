using Tickr.Domain.Common;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Errors;

/// <summary>An input value is malformed or breaks a rule (an empty title, an end before the start…).</summary>
public sealed partial class InvalidInputError(string code, string message, string? field) : IUserError
{
    public string Code { get; } = code;

    public string Message { get; } = message;

    /// <summary>The input field at fault (e.g. <c>endsAt</c>), when there is one.</summary>
    public string? Field { get; } = field;
}

/// <summary>
/// The object does not exist, or the caller may not see it (the two are indistinguishable on purpose: an id tells
/// nothing about objects the caller cannot access).
/// </summary>
public sealed partial class NotFoundError(string message, string? id = null) : IUserError
{
    public string Code => "NOT_FOUND";

    public string Message { get; } = message;

    /// <summary>The id that was not found.</summary>
    [ID]
    public string? Id { get; } = id;
}

/// <summary>The caller sees the object but their role does not allow this action (a scanner publishing an event…).</summary>
public sealed partial class NotAuthorizedError(string message) : IUserError
{
    public string Code => "NOT_AUTHORIZED";

    public string Message { get; } = message;
}

/// <summary>The action does not fit the object's status (publishing a cancelled event…).</summary>
public sealed partial class InvalidStatusError(string message) : IUserError
{
    public string Code => "INVALID_STATUS";

    public string Message { get; } = message;
}

/// <summary>A slug, code or address is already taken.</summary>
public sealed partial class DuplicateError(string message, string? field) : IUserError
{
    public string Code => "DUPLICATE";

    public string Message { get; } = message;

    /// <summary>The input field holding the taken value.</summary>
    public string? Field { get; } = field;
}

/// <summary>Someone else changed the object since it was read; read it again and retry.</summary>
public sealed partial class ConcurrentUpdateError(string message) : IUserError
{
    public string Code => "CONCURRENT_UPDATE";

    public string Message { get; } = message;
}

/// <summary>An event cannot be published without a ticket type.</summary>
public sealed partial class NoTicketTypesError(string message) : IUserError
{
    public string Code => "NO_TICKET_TYPES";

    public string Message { get; } = message;
}

/// <summary>A capacity would fall below the tickets already sold or held.</summary>
public sealed partial class CapacityBelowSoldError(string message) : IUserError
{
    public string Code => "CAPACITY_BELOW_SOLD";

    public string Message { get; } = message;
}

/// <summary>Too many attempts from this client; retry after the given delay.</summary>
public sealed partial class RateLimitedError(string message, int retryAfterSeconds) : IUserError
{
    public string Code => "RATE_LIMITED";

    public string Message { get; } = message;

    /// <summary>Seconds to wait before trying again.</summary>
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}

/// <summary>Turns a refused domain rule into the error type a client can match on.</summary>
public static class DomainErrors
{
    public static IUserError From(DomainException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Code switch
        {
            DomainErrorCode.InvalidStatus => new InvalidStatusError(exception.Message),
            DomainErrorCode.NoTicketTypes => new NoTicketTypesError(exception.Message),
            DomainErrorCode.CapacityBelowSold => new CapacityBelowSoldError(exception.Message),
            DomainErrorCode.Duplicate => new DuplicateError(exception.Message, exception.Field),
            DomainErrorCode.InvalidPeriod => new InvalidInputError("INVALID_PERIOD", exception.Message, exception.Field),
            DomainErrorCode.CurrencyMismatch => new InvalidInputError("CURRENCY_MISMATCH", exception.Message, exception.Field),
            DomainErrorCode.Mismatch => new InvalidInputError("MISMATCH", exception.Message, exception.Field),
            _ => new InvalidInputError("INVALID_VALUE", exception.Message, exception.Field),
        };
    }
}

/// <summary>Helpers for payloads whose <c>errors</c> is a union of error types.</summary>
public static class UserError
{
    /// <summary>
    /// The error as a member of the mutation's union <typeparamref name="TUnion"/>. Each module declares which error
    /// types join its unions (partial classes); an error outside the union is a server bug, reported as such.
    /// </summary>
    public static TUnion As<TUnion>(IUserError error) where TUnion : class =>
        error as TUnion ?? throw new InvalidOperationException(
            $"{error.GetType().Name} is not a member of the union {typeof(TUnion).Name}; add it in the module's error declarations.");

    /// <summary>The domain rule's error as a member of <typeparamref name="TUnion"/>.</summary>
    public static TUnion[] From<TUnion>(Domain.Common.DomainException exception) where TUnion : class =>
        [As<TUnion>(DomainErrors.From(exception))];
}
