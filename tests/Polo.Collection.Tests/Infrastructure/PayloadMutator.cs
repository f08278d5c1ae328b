using System.Text;
using System.Text.Json.Nodes;

namespace Polo.Collection.Tests.Infrastructure;

/// <summary>
/// Seeded mutations of a valid AWS payload for the fuzz tests: truncation, flipped characters, inserted random bytes
/// (any payload), and for JSON a dropped member, a huge or odd value in place of one, a wrong root and a duplicated
/// array item. The same seed gives the same mutations.
/// </summary>
public sealed class PayloadMutator(int seed)
{
    private readonly Random _rng = new(seed);

    /// <summary>Values AWS would never send where a string, number or date belongs.</summary>
    private static readonly JsonNode?[] HugeValues =
    [
        new string('x', 100_000), "1e400", "79228162514264337593543950336", "123456789012345678.123456789", "-1", "NaN",
        "9999-12-31T23:59:59Z", "2299-12-31T00:00:00Z", "0001-01-01T00:00:00Z", "2026-13-45T99:99:99Z", "", "\u0000\u001f",
        "i-\ud800x",
        1e308, -9223372036854775808L, true, null, new JsonObject(), new JsonArray(),
    ];

    private static readonly string[] WrongRoots =
    [
        "[]", "{}", "null", "\"ok\"", "<html><body><h1>502 Bad Gateway</h1></body></html>",
        """{"__type":"com.amazon.coral.service#InternalFailure","message":"We encountered an internal error."}""",
    ];

    public Random Random => _rng;

    public T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    public string Truncate(string valid) => valid[.._rng.Next(0, valid.Length)];

    public string FlipCharacters(string valid)
    {
        var chars = valid.ToCharArray();
        for (var k = _rng.Next(1, 8); k > 0; k--) chars[_rng.Next(chars.Length)] = (char)_rng.Next(32, 127);
        return new string(chars);
    }

    public string InsertRandomBytes(string valid)
    {
        var bytes = Encoding.UTF8.GetBytes(valid);
        var at = _rng.Next(bytes.Length);
        var junk = new byte[_rng.Next(1, 64)];
        _rng.NextBytes(junk);
        return Encoding.UTF8.GetString([.. bytes[..at], .. junk, .. bytes[at..]]);
    }

    /// <summary>A random mutation of a valid JSON payload (any of the above).</summary>
    public string MutateJson(string valid) => _rng.Next(7) switch
    {
        0 => Truncate(valid),
        1 => FlipCharacters(valid),
        2 => InsertRandomBytes(valid),
        3 => DropJsonMember(valid),
        4 => HugeJsonValue(valid),
        5 => Pick(WrongRoots),
        _ => DuplicateJsonArrayItem(valid),
    };

    public string DropJsonMember(string json)
    {
        var root = JsonNode.Parse(json)!;
        var members = Nodes(root).Where(n => n.Parent is JsonObject).ToList();
        if (members.Count == 0) return json;
        var node = Pick(members);
        ((JsonObject)node.Parent!).Remove(node.GetPropertyName());
        return root.ToJsonString();
    }

    public string HugeJsonValue(string json)
    {
        var root = JsonNode.Parse(json)!;
        var scalars = Nodes(root).Where(n => n is JsonValue && n.Parent is not null).ToList();
        if (scalars.Count == 0) return json;
        var node = Pick(scalars);
        var value = Pick(HugeValues)?.DeepClone();
        if (node.Parent is JsonObject o) o[node.GetPropertyName()] = value;
        else ((JsonArray)node.Parent!)[node.GetElementIndex()] = value;
        return root.ToJsonString();
    }

    public string DuplicateJsonArrayItem(string json)
    {
        var root = JsonNode.Parse(json)!;
        var arrays = Nodes(root).OfType<JsonArray>().Where(a => a.Count > 0).ToList();
        if (arrays.Count == 0) return json;
        var array = Pick(arrays);
        array.Add(array[_rng.Next(array.Count)]?.DeepClone());
        return root.ToJsonString();
    }

    private static IEnumerable<JsonNode> Nodes(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.Where(c => c is not null))
            foreach (var n in Nodes(child!))
                yield return n;
    }
}
