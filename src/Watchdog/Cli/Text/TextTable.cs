namespace Watchdog.Cli.Text;

// Left-aligned columns padded by the plain text's width, so colour codes never break the alignment;
// the last column is not padded (no trailing blanks in a pipe).
internal sealed class TextTable(Style style, string indent = "  ")
{
    private readonly List<Cell[]> rows = [];

    public TextTable Add(params Cell[] row)
    {
        rows.Add(row);
        return this;
    }

    public void WriteTo(TextWriter output)
    {
        var widths = new int[rows.Count == 0 ? 0 : rows.Max(r => r.Length)];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Text.Length);
            }
        }

        foreach (var row in rows)
        {
            output.Write(indent);
            for (var i = 0; i < row.Length; i++)
            {
                output.Write(style.Paint(row[i].Text, row[i].Tone));
                if (i < row.Length - 1)
                {
                    output.Write(new string(' ', widths[i] - row[i].Text.Length + 2));
                }
            }

            output.WriteLine();
        }
    }
}
