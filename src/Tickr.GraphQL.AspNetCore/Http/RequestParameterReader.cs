using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tickr.GraphQL.Execution;

namespace Tickr.GraphQL.AspNetCore.Http;

/// <summary>
/// Reads GraphQL request parameters from a JSON body or a query string. Wrong shapes (a non-string query, variables
/// that are not an object…) are request errors the caller answers with 400.
/// </summary>
internal static class RequestParameterReader
{
    public static bool TryRead(JsonElement root, out GraphQLRequestParameters parameters, out string error)
    {
        parameters = null!;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = root.ValueKind == JsonValueKind.Array
                ? "Batched requests are not supported: send one operation per request."
                : "The request body must be a JSON object.";
            return false;
        }
        string? query = null, operationName = null, documentId = null;
        IReadOnlyDictionary<string, object?>? variables = null, extensions = null;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "query":
                    if (!TryString(value, "query", out query, out error)) return false;
                    break;
                case "operationName":
                    if (!TryString(value, "operationName", out operationName, out error)) return false;
                    break;
                case "id":
                case "documentId":
                    if (!TryString(value, property.Name, out documentId, out error)) return false;
                    break;
                case "variables":
                    if (!TryMap(value, "variables", out variables, out error)) return false;
                    break;
                case "extensions":
                    if (!TryMap(value, "extensions", out extensions, out error)) return false;
                    break;
            }
        }
        parameters = new GraphQLRequestParameters
        {
            Query = query,
            OperationName = operationName,
            Variables = variables,
            Extensions = extensions,
            DocumentId = documentId,
        };
        error = "";
        return true;
    }

    public static bool TryRead(IQueryCollection query, out GraphQLRequestParameters parameters, out string error)
    {
        parameters = null!;
        IReadOnlyDictionary<string, object?>? variables = null, extensions = null;
        if (!TryJsonMap(query, "variables", out variables, out error) || !TryJsonMap(query, "extensions", out extensions, out error))
        {
            return false;
        }
        parameters = new GraphQLRequestParameters
        {
            Query = Single(query, "query"),
            OperationName = Single(query, "operationName"),
            DocumentId = Single(query, "id") ?? Single(query, "documentId"),
            Variables = variables,
            Extensions = extensions,
        };
        return true;
    }

    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    private static bool TryJsonMap(IQueryCollection query, string name, out IReadOnlyDictionary<string, object?>? map, out string error)
    {
        map = null;
        error = "";
        if (Single(query, name) is not { } json)
        {
            return true;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return TryMap(document.RootElement, name, out map, out error);
        }
        catch (JsonException)
        {
            error = $"The '{name}' parameter must be a JSON object.";
            return false;
        }
    }

    private static bool TryString(JsonElement value, string name, out string? result, out string error)
    {
        error = "";
        result = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.String:
                result = value.GetString();
                return true;
            default:
                error = $"The '{name}' parameter must be a string.";
                return false;
        }
    }

    private static bool TryMap(JsonElement value, string name, out IReadOnlyDictionary<string, object?>? result, out string error)
    {
        error = "";
        result = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.Object:
                try
                {
                    result = JsonVariables.FromJson(value);
                    return true;
                }
                catch (GraphQLException ex)
                {
                    error = ex.Message;
                    return false;
                }
            default:
                error = $"The '{name}' parameter must be a map (JSON object).";
                return false;
        }
    }
}
