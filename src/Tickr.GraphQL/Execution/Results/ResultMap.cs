using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Tickr.GraphQL.Execution;

/// <summary>
/// An object in the response: response keys in selection order mapped to completed values. Keys come from the
/// shared field plan, so a result object costs this instance plus one value array.
/// </summary>
internal sealed class ResultMap : ResultNode, IReadOnlyDictionary<string, object?>
{
    private readonly FieldPlan[] _fields;
    private readonly object?[] _values;

    public ResultMap(FieldPlan[] fields)
    {
        _fields = fields;
        _values = fields.Length == 0 ? [] : new object?[fields.Length];
    }

    public override object?[] Slots => _values;
    public FieldPlan[] Fields => _fields;
    public int Count => _fields.Length;

    public string KeyAt(int index) => _fields[index].ResponseKey;
    public object? ValueAt(int index) => _values[index];

    public override object PathSegment(int index) => _fields[index].ResponseKey;

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var f in _fields) yield return f.ResponseKey;
        }
    }

    public IEnumerable<object?> Values => _values;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _values[i] : null;
        return i >= 0;
    }

    private int IndexOf(string key)
    {
        for (var i = 0; i < _fields.Length; i++)
        {
            if (string.Equals(_fields[i].ResponseKey, key, StringComparison.Ordinal)) return i;
        }
        return -1;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _fields.Length; i++) yield return new(_fields[i].ResponseKey, _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
