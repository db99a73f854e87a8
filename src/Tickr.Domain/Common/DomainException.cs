namespace Tickr.Domain.Common;

/// <summary>
/// A business rule refused an operation. The <see cref="Code"/> is stable and machine-readable; the API layer turns
/// it into a typed error, so nothing about the refused operation is persisted.
/// </summary>
public sealed class DomainException(DomainErrorCode code, string message, string? field = null) : Exception(message)
{
    public DomainErrorCode Code { get; } = code;

    /// <summary>The input field at fault, when one is (e.g. <c>endsAt</c>).</summary>
    public string? Field { get; } = field;
}
