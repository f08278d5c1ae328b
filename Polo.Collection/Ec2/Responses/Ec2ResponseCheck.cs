using System.Text;
using System.Xml;
using System.Xml.Linq;
using Polo.Collection.Core;

namespace Polo.Collection.Ec2.Responses;

/// <summary>
/// Checks a successful (HTTP 2xx) answer to an EC2 Describe call before the SDK reads it. The SDK reads a missing
/// list and an unrelated document alike as "nothing", which would look like every resource was deleted; here an
/// answer that does not match its call is refused with a clear reason. A resource with an unreadable field is
/// removed from the answer with a <see cref="WarningKinds.SkippedResource"/> warning, and its id is reported so the
/// inventory neither changes nor deletes it.
/// </summary>
public static class Ec2ResponseCheck
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, MaxCharactersInDocument = 0,
    };

    /// <summary>The answer as the SDK should read it (unchanged when every resource is readable), and the ids of the
    /// resources removed from it. Throws <see cref="MalformedAwsResponseException"/> for an answer to refuse.</summary>
    public static (byte[] Body, IReadOnlyList<string> Skipped) Check(string action, byte[] body, WarningSink warnings)
    {
        if (!Ec2ResponseShape.ByAction.TryGetValue(action, out var shape)) return (body, []);
        var doc = Parse(action, body);
        var root = doc.Root!;
        if (root.Name.LocalName == "Response" && root.Element(root.Name.Namespace + "Errors") is { } errors)
            throw Refused(action, $"AWS answered HTTP 200 with an error envelope ({ErrorOf(errors)})");
        if (root.Name.LocalName != shape.Root)
            throw Refused(action, $"the answer's root element is <{Clip(root.Name.LocalName)}>, not <{shape.Root}>");
        if (!root.Name.NamespaceName.StartsWith(Ec2ResponseShape.NamespacePrefix, StringComparison.Ordinal))
            throw Refused(action, $"the answer's namespace '{Clip(root.Name.NamespaceName)}' is not EC2's");
        var list = root.Element(root.Name.Namespace + shape.List)
                   ?? throw Refused(action, $"the answer has no <{shape.List}> list, so it cannot show what exists");

        var skipped = new List<string>();
        var removed = false;
        foreach (var item in Items(list, shape.ItemPath).ToList())
        {
            var id = shape.IdElements.Select(n => item.Element(item.Name.Namespace + n)?.Value.Trim())
                .FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? "";
            var problem = id == "" ? "it has no id" : Ec2TypedFields.FirstProblem(item);
            if (problem is null) continue;
            item.Remove();
            removed = true;
            if (id != "") skipped.Add(id);
            warnings.Add(WarningKinds.SkippedResource, shape.ResourceType, id,
                $"{action}: {(id == "" ? "a resource" : id)} skipped: {problem}");
        }
        if (!removed) return (body, skipped);
        return (Encoding.UTF8.GetBytes(doc.ToString(SaveOptions.DisableFormatting)), skipped);
    }

    private static XDocument Parse(string action, byte[] body)
    {
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            var doc = XDocument.Load(reader);
            return doc.Root is null ? throw Refused(action, "the answer is empty") : doc;
        }
        catch (XmlException e)
        {
            var start = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)).TrimStart();
            var what = start.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
                ? "an HTML page, not an EC2 answer" : body.Length == 0 ? "empty" : $"not well-formed XML ({e.Message.Split('.')[0]})";
            throw Refused(action, $"the answer is {what}");
        }
    }

    private static IEnumerable<XElement> Items(XElement list, string[] path)
    {
        IEnumerable<XElement> level = [list];
        foreach (var step in path) level = level.SelectMany(e => e.Elements(e.Name.Namespace + step));
        return level;
    }

    private static string ErrorOf(XElement errors)
    {
        var error = errors.Elements().FirstOrDefault();
        string Child(string n) => error?.Elements().FirstOrDefault(e => e.Name.LocalName == n)?.Value ?? "";
        return $"{Clip(Child("Code"))}: {Clip(Child("Message"))}".Trim(' ', ':');
    }

    private static string Clip(string s) => Ec2TypedFields.Clip(s);

    private static MalformedAwsResponseException Refused(string action, string reason) =>
        new($"Malformed response from AWS to {action}: {reason}; nothing from this call was written.");
}
