using System.Runtime.CompilerServices;
using Tickr.Domain.Common;

namespace Tickr.Graph.Schema.Common;

/// <summary>
/// The change carried by an update mutation, where every field is optional and "absent" differs from "null": an absent
/// field keeps its value, a field given as <c>null</c> clears it (where clearing makes sense), a value replaces it.
/// The engine builds input objects by setting only the properties the client sent (from a literal or from variables),
/// so each property's setter records that it was given: <c>public string? Title { get; init => field = Given(value); }</c>.
/// </summary>
public abstract class PatchInput
{
    private readonly HashSet<string> _given = new(StringComparer.Ordinal);

    /// <summary>Whether the client sent the field backed by <paramref name="property"/> (use <c>nameof</c>).</summary>
    public bool Has(string property) => _given.Contains(property);

    /// <summary>Records that the property's field was sent; call it from the property's setter.</summary>
    protected T Given<T>(T value, [CallerMemberName] string property = "")
    {
        _given.Add(property);
        return value;
    }

    /// <summary>The new value of a field that can be cleared: the given value (null clears it), else <paramref name="current"/>.</summary>
    public T? Clearable<T>(T? given, T? current, string property) => Has(property) ? given : current;

    /// <summary>
    /// The new value of a field that cannot be cleared: the given value, else <paramref name="current"/>. An explicit null
    /// is refused as an invalid value of that field.
    /// </summary>
    public T Required<T>(T? given, T current, string property) where T : class =>
        !Has(property) ? current : given ?? throw Cleared(property);

    /// <inheritdoc cref="Required{T}(T, T, string)"/>
    public T Required<T>(T? given, T current, string property) where T : struct =>
        !Has(property) ? current : given ?? throw Cleared(property);

    /// <summary>
    /// <see cref="Required{T}(T, T, string)"/> for an input whose domain value is of another type (a <c>MoneyInput</c>
    /// becomes <c>Money</c>): <paramref name="convert"/> runs only when the field was given.
    /// </summary>
    public TValue Required<TInput, TValue>(TInput? given, TValue current, Func<TInput, TValue> convert, string property)
        where TInput : class
    {
        ArgumentNullException.ThrowIfNull(convert);
        return !Has(property) ? current : convert(given ?? throw Cleared(property));
    }

    /// <summary>The GraphQL name of a property's field (camelCase), as error <c>field</c>s report it.</summary>
    public static string FieldName(string property) =>
        property.Length == 0 ? property : char.ToLowerInvariant(property[0]) + property[1..];

    private static DomainException Cleared(string property) =>
        new(DomainErrorCode.InvalidValue, $"{FieldName(property)} cannot be null: leave it out to keep its value.", FieldName(property));
}
