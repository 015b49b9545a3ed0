namespace Assessment.Reports.Layout;

/// <summary>
/// The numbers of GB/T 9704-2012 (党政机关公文格式) in Word's units: twentieths of a point (twips) for
/// the page, half-points for font sizes, eighths of a point for rules, EMU for drawings.
/// </summary>
internal static class GbT9704
{
    // A4 and the text block (版心) 156 × 225 mm: top 37 mm, binding (left) 28 mm, so bottom 35 mm, right 26 mm.
    public const int PageWidth = 11906;   // 210 mm
    public const int PageHeight = 16838;  // 297 mm
    public const int MarginTop = 2098;    // 37 mm
    public const int MarginBottom = 1984; // 35 mm
    public const int MarginLeft = 1587;   // 28 mm
    public const int MarginRight = 1474;  // 26 mm
    public const int TextWidth = PageWidth - MarginLeft - MarginRight;   // 8845 = 156 mm
    public const int TextHeight = PageHeight - MarginTop - MarginBottom; // 12756 = 225 mm

    /// <summary>
    /// Page number about 7 mm below the text block. The number's paragraph opens with 6 mm of space and
    /// the footer ends 21 mm above the page edge: Word (which anchors the footer at its bottom) and
    /// LibreOffice (which puts it right under the text block) then both print the number 6–7.5 mm below
    /// the block, and the footer (6 mm + one 4号 line) stays inside the 35 mm bottom margin.
    /// </summary>
    public const int FooterDistance = 1191;
    public const int PageNumberSpaceBefore = 340;
    public const int HeaderDistance = 851;

    /// <summary>22 lines per page: a fixed pitch of 28.95 pt.</summary>
    public const int LinePitch = 579;

    /// <summary>
    /// 28 characters per line: 3号 text condensed by 5 twips (0.25 pt) advances 15.75 pt, and 28 × 15.75 pt
    /// fits the 156 mm (442.2 pt) line. A character grid (docGrid linesAndChars, charSpace −849) would do
    /// the same in Word, but LibreOffice lays a 16 pt glyph over two 15.8 pt cells (14 characters a line),
    /// so the grid only fixes the lines and the condensation fixes the characters.
    /// </summary>
    public const int CharacterCondensation = -5;

    // Font sizes in half-points.
    public const int SizeChu = 84;      // 初号 42 pt
    public const int SizeXiaoChu = 72;  // 小初 36 pt
    public const int SizeEr = 44;       // 2号 22 pt
    public const int SizeSan = 32;      // 3号 16 pt
    public const int SizeSi = 28;       // 4号 14 pt
    public const int SizeXiaoSi = 24;   // 小四 12 pt
    public const int SizeWu = 21;       // 五号 10.5 pt

    /// <summary>One character of 3号 text, the unit of indents ("空二字" = 2 × 320).</summary>
    public const int BodyChar = 320;

    /// <summary>One character of 4号 text (page numbers, imprint).</summary>
    public const int SmallChar = 280;

    /// <summary>The issuer mark's top is 35 mm below the top of the text block.</summary>
    public const int IssuerMarkOffset = 1984;

    /// <summary>The red rule 4 mm below the document number, in points (border spacing).</summary>
    public const int RedRuleSpacePoints = 11;

    // Rules in eighths of a point: red rule and imprint thick rules ~0.35 mm, imprint thin rule ~0.25 mm.
    public const int RedRuleSize = 8;
    public const int ThickRule = 8;
    public const int ThinRule = 6;

    public const string Red = "FF0000";

    // EMU: 36 000 per millimetre.
    public const long EmuPerMillimetre = 36000;
    public const long TextWidthEmu = 156 * EmuPerMillimetre;
}

/// <summary>Font names exactly as Word knows them.</summary>
internal static class FontNames
{
    public const string FangSong = "仿宋_GB2312";
    public const string FangSongFallback = "仿宋";
    public const string XiaoBiaoSong = "方正小标宋简体";
    public const string XiaoBiaoSongFallback = "华文中宋";
    public const string HeiTi = "黑体";
    public const string KaiTi = "楷体_GB2312";
    public const string KaiTiFallback = "楷体";
    public const string SongTi = "宋体";
    public const string Latin = "Times New Roman";
}
