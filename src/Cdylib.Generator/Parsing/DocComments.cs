using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Xml;
using System.Xml.Linq;
using Cdylib.Abi.Model;
using Microsoft.CodeAnalysis;

namespace Cdylib.Generator.Parsing;

/// <summary>
/// Turns a method's C# XML documentation into plain text for the header: summary, remarks,
/// returns and each parameter's description.
/// </summary>
internal sealed class DocComments
{
    private readonly XElement? _root;

    private DocComments(XElement? root) => _root = root;

    public static DocComments For(ISymbol method, CancellationToken cancellationToken)
    {
        // The /// lines as written come first: they read the same whether or not the project makes
        // the compiler parse doc comments (<GenerateDocumentationFile>), and crefs keep the author's
        // spelling (int.MaxValue, not F:System.Int32.MaxValue).
        string? xml = FromTrivia(method, cancellationToken);
        if (string.IsNullOrWhiteSpace(xml))
        {
            xml = method.GetDocumentationCommentXml(cancellationToken: cancellationToken);
        }
        if (string.IsNullOrWhiteSpace(xml))
        {
            return new DocComments(null);
        }
        try
        {
            return new DocComments(XElement.Parse(xml, LoadOptions.None));
        }
        catch (XmlException)
        {
            return new DocComments(null); // malformed docs are the compiler's to report, not ours
        }
    }

    public AbiDoc Function => new(Text("summary"), Text("returns"), Text("remarks"));

    public string? Parameter(string name) =>
        _root?.Elements("param").FirstOrDefault(element => (string?)element.Attribute("name") == name) is { } element
            ? Flatten(element)
            : null;

    private string? Text(string element) => _root?.Element(element) is { } found ? Flatten(found) : null;

    private static string? FromTrivia(ISymbol method, CancellationToken cancellationToken)
    {
        SyntaxReference? reference = method.DeclaringSyntaxReferences.FirstOrDefault();
        if (reference is null)
        {
            return null;
        }
        // A field's syntax is its declarator; the /// lines sit on the whole declaration.
        SyntaxNode syntax = reference.GetSyntax(cancellationToken);
        SyntaxNode declaration = syntax.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax>() ?? syntax;
        var lines = declaration.GetLeadingTrivia().ToFullString()
            .Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("///", System.StringComparison.Ordinal))
            .Select(line => line.Substring(3))
            .ToList();
        return lines.Count == 0 ? null : "<doc>" + string.Join("\n", lines) + "</doc>";
    }

    /// <summary>The text of a doc element: references become their short names, paragraphs stay apart, whitespace collapses.</summary>
    private static string? Flatten(XElement element)
    {
        var text = new StringBuilder();
        AppendNodes(element, text);
        string[] paragraphs = text.ToString().Split('\n')
            .Select(Collapse)
            .ToArray();
        string result = string.Join("\n", TrimEmpty(paragraphs));
        return result.Length == 0 ? null : result;
    }

    private static void AppendNodes(XElement element, StringBuilder text)
    {
        foreach (XNode node in element.Nodes())
        {
            switch (node)
            {
                case XText plain:
                    text.Append(plain.Value.Replace('\n', ' '));
                    break;
                case XElement { Name.LocalName: "item" } item:
                    text.Append("\n- ");
                    AppendNodes(item, text);
                    break;
                case XElement { Name.LocalName: "para" } para:
                    text.Append("\n\n");
                    AppendNodes(para, text);
                    text.Append("\n\n");
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see:
                    text.Append(see.Value.Length > 0 ? see.Value : ShortName(see));
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                    text.Append((string?)reference.Attribute("name"));
                    break;
                case XElement other:
                    AppendNodes(other, text);
                    break;
            }
        }
    }

    // As written: cref="int.MaxValue" → "int.MaxValue", cref="Greet(string)" → "Greet";
    // resolved IDs: "T:Ns.Api" → "Api", "M:Ns.Api.Greet(System.String)" → "Api.Greet"; langword="null" → "null".
    private static string ShortName(XElement see)
    {
        string reference = (string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? (string?)see.Attribute("href") ?? "";
        int paren = reference.IndexOf('(');
        if (paren >= 0)
        {
            reference = reference.Substring(0, paren);
        }
        if (reference.Length < 2 || reference[1] != ':')
        {
            return reference;
        }
        string[] parts = reference.Substring(2).Split('.');
        return reference[0] != 'T' && parts.Length >= 2 ? parts[parts.Length - 2] + "." + parts[parts.Length - 1] : parts[parts.Length - 1];
    }

    private static string Collapse(string line) => string.Join(" ", line.Split(new[] { ' ', '\t', '\r' }, System.StringSplitOptions.RemoveEmptyEntries));

    private static IEnumerable<string> TrimEmpty(string[] paragraphs)
    {
        int start = 0;
        int end = paragraphs.Length;
        while (start < end && paragraphs[start].Length == 0)
        {
            start++;
        }
        while (end > start && paragraphs[end - 1].Length == 0)
        {
            end--;
        }
        string? previous = null;
        for (int i = start; i < end; i++)
        {
            // Two paragraph breaks in a row are one.
            if (paragraphs[i].Length == 0 && previous?.Length == 0)
            {
                continue;
            }
            previous = paragraphs[i];
            yield return paragraphs[i];
        }
    }
}
