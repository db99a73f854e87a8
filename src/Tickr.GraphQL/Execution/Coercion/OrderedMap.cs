using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Tickr.GraphQL.Execution;

/// <summary>
/// A small insertion-ordered string-keyed map backed by two arrays. Coerced arguments and input objects are
/// usually a handful of entries, where a linear scan beats hashing and the map costs two small arrays.
/// </summary>
internal sealed class OrderedMap : IReadOnlyDictionary<string, object?>
{
    public static readonly OrderedMap Empty = new(0);

    private string[] _keys;
    private object?[] _values;
    private int _count;

    public OrderedMap(int capacity)
    {
        _keys = capacity == 0 ? [] : new string[capacity];
        _values = capacity == 0 ? [] : new object?[capacity];
    }

    public int Count => _count;

    /// <summary>Adds or replaces an entry (replacing keeps the original position).</summary>
    public void Set(string key, object? value)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_keys[i], key, StringComparison.Ordinal))
            {
                _values[i] = value;
                return;
            }
        }
        if (_count == _keys.Length)
        {
            var size = _count == 0 ? 4 : _count * 2;
            Array.Resize(ref _keys, size);
            Array.Resize(ref _values, size);
        }
        _keys[_count] = key;
        _values[_count] = value;
        _count++;
    }

    public object? this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys
    {
        get
        {
            for (var i = 0; i < _count; i++) yield return _keys[i];
        }
    }

    public IEnumerable<object?> Values
    {
        get
        {
            for (var i = 0; i < _count; i++) yield return _values[i];
        }
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            value = null;
            return false;
        }
        value = _values[i];
        return true;
    }

    private int IndexOf(string key)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_keys[i], key, StringComparison.Ordinal)) return i;
        }
        return -1;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++) yield return new(_keys[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
