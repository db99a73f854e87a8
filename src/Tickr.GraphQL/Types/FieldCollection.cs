using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Tickr.GraphQL.Types;

/// <summary>Something with a GraphQL name that lives in a <see cref="FieldCollection{T}"/>.</summary>
public interface INamedMember
{
    string Name { get; }
}

/// <summary>
/// Ordered, name-indexed collection of fields, arguments or input fields. Declaration order is kept
/// (introspection and SDL print in that order); lookups by name are O(1).
/// </summary>
public sealed class FieldCollection<T> : IReadOnlyList<T> where T : class, INamedMember
{
    private readonly List<T> _items = [];
    private readonly Dictionary<string, T> _byName = new(StringComparer.Ordinal);

    public int Count => _items.Count;
    public T this[int index] => _items[index];
    public T? this[string name] => _byName.GetValueOrDefault(name);

    /// <summary>Adds a member; a second member with the same name replaces nothing and throws.</summary>
    public void Add(T item)
    {
        if (!_byName.TryAdd(item.Name, item))
        {
            throw new InvalidOperationException($"'{item.Name}' is defined more than once.");
        }
        _items.Add(item);
    }

    public bool TryGet(string name, [MaybeNullWhen(false)] out T item) => _byName.TryGetValue(name, out item);
    public bool Contains(string name) => _byName.ContainsKey(name);
    public List<T>.Enumerator GetEnumerator() => _items.GetEnumerator();
    IEnumerator<T> IEnumerable<T>.GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
