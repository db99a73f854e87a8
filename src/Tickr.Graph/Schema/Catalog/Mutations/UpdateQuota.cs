using Tickr.Graph.Schema.Common;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog.Mutations;

/// <summary>Changes to a quota: fields left out keep their value; neither can be null.</summary>
public sealed class UpdateQuotaInput : PatchInput
{
    /// <summary>The quota to change.</summary>
    [ID]
    public required string QuotaId { get; init; }

    /// <summary>The new name.</summary>
    public string? Name { get; init => field = Given(value); }

    /// <summary>The new capacity; never below the tickets already sold or held (CapacityBelowSoldError).</summary>
    public int? Capacity { get; init => field = Given(value); }
}

/// <summary>The result of <c>updateQuota</c>.</summary>
public sealed class UpdateQuotaPayload(QuotaNode? quota, IReadOnlyList<IUpdateQuotaError> errors)
{
    /// <summary>The quota as changed; null when nothing was changed (see <c>errors</c>).</summary>
    public QuotaNode? Quota => quota;

    /// <summary>Why the quota was not changed; empty on success.</summary>
    public IReadOnlyList<IUpdateQuotaError> Errors => errors;
}
