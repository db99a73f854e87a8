using System.Collections;

namespace Tickr.GraphQL.Execution;

/// <summary>A list in the response.</summary>
internal sealed class ResultList(int count) : ResultNode, IReadOnlyList<object?>
{
    private readonly object?[] _items = count == 0 ? [] : new object?[count];

    public override object?[] Slots => _items;
    public int Count => _items.Length;
    public object? this[int index] => _items[index];

    public override object PathSegment(int index) => index;

    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
