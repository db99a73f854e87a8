using System.Text.Json;
using Tickr.GraphQL.Execution;

namespace Tickr.GraphQL.AspNetCore.SharedSubscriptions;

/// <summary>
/// One result of a subscription for a transport to send: either an <see cref="ExecutionResult"/> the subscriber
/// executed itself, or the JSON of a result executed and serialized once for a group of subscribers, which every
/// transport splices into its own envelope without serializing it again.
/// </summary>
public readonly struct SubscriptionPayload
{
    public SubscriptionPayload(ExecutionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Result = result;
    }

    /// <param name="json">A serialized GraphQL response (<c>{"data":…}</c>), shared: never modified.</param>
    public SubscriptionPayload(ReadOnlyMemory<byte> json) => Json = json;

    /// <summary>The subscriber's own result; null for a shared one.</summary>
    public ExecutionResult? Result { get; }

    /// <summary>The shared result's JSON (UTF-8) when <see cref="Result"/> is null.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>True when the payload is a group's shared JSON.</summary>
    public bool IsShared => Result is null;

    /// <summary>Writes the response object as a JSON value (the shared bytes are copied as they are).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Result is { } result)
        {
            ExecutionResultWriter.Write(writer, result);
        }
        else
        {
            writer.WriteRawValue(Json.Span, skipInputValidation: true);
        }
    }
}
