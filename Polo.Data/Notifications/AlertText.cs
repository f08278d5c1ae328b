using System.Net;
using System.Text;

namespace Polo.Data.Notifications;

/// <summary>An alert as plain text and as HTML (email bodies, the digest preview). Every link is absolute.</summary>
public static class AlertText
{
    public static string Absolute(string baseUrl, string link) =>
        link.StartsWith("http://", StringComparison.Ordinal) || link.StartsWith("https://", StringComparison.Ordinal)
            ? link : (baseUrl ?? "").TrimEnd('/') + link;

    public static string Plain(Alert alert, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var b = new StringBuilder();
        b.AppendLine(alert.Title).AppendLine().AppendLine(alert.Text);
        if (alert.Fields.Count > 0) b.AppendLine();
        foreach (var (label, value) in alert.Fields) b.Append(label).Append(": ").AppendLine(value);
        foreach (var s in alert.Sections)
        {
            b.AppendLine().AppendLine(s.Heading);
            if (s.Items.Count == 0) b.AppendLine("- none");
            foreach (var i in s.Items)
            {
                b.Append("- ").Append(i.Text);
                if (i.Value != "") b.Append(" — ").Append(i.Value);
                if (i.Link != "") b.Append(" <").Append(Absolute(baseUrl, i.Link)).Append('>');
                b.AppendLine();
            }
        }
        b.AppendLine().Append("Open in Polo: ").AppendLine(Absolute(baseUrl, alert.Link));
        return b.ToString();
    }

    /// <summary>A small self-contained HTML document (a style element in its head; email clients ignore external style sheets).</summary>
    public static string Html(Alert alert, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(alert);
        static string E(string s) => WebUtility.HtmlEncode(s);
        var b = new StringBuilder();
        b.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(alert.Title)).Append("</title>");
        b.Append("<style>body{font-family:Arial,sans-serif;color:#1a1a1a;background:#ffffff}h1{font-size:20px}h2{font-size:16px}a{color:#0b57d0}</style></head>");
        b.Append("<body><main><h1>").Append(E(alert.Title)).Append("</h1>");
        b.Append("<p>").Append(E(alert.Text)).Append("</p>");
        if (alert.Fields.Count > 0)
        {
            b.Append("<table>");
            foreach (var (label, value) in alert.Fields) b.Append("<tr><th align=\"left\">").Append(E(label)).Append("</th><td>").Append(E(value)).Append("</td></tr>");
            b.Append("</table>");
        }
        foreach (var s in alert.Sections)
        {
            b.Append("<h2>").Append(E(s.Heading)).Append("</h2><ul>");
            if (s.Items.Count == 0) b.Append("<li>none</li>");
            foreach (var i in s.Items)
            {
                b.Append("<li>");
                if (i.Link != "") b.Append("<a href=\"").Append(E(Absolute(baseUrl, i.Link))).Append("\">").Append(E(i.Text)).Append("</a>");
                else b.Append(E(i.Text));
                if (i.Value != "") b.Append(" — <b>").Append(E(i.Value)).Append("</b>");
                b.Append("</li>");
            }
            b.Append("</ul>");
        }
        b.Append("<p><a href=\"").Append(E(Absolute(baseUrl, alert.Link))).Append("\">Open in Polo</a></p></main></body></html>");
        return b.ToString();
    }
}
