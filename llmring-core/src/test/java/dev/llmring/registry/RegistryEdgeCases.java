package dev.llmring.registry;

import java.util.ArrayList;
import java.util.List;

/** Hand-written registry documents, one or more per parsing rule; {@code '} stands for {@code "}. */
final class RegistryEdgeCases {
    private RegistryEdgeCases() {}

    private static final String P = "'dollars_per_million_tokens_input':";

    static final List<String> DOCUMENTS = documents();

    private static List<String> documents() {
        List<String> docs = new ArrayList<>();
        // prices: exact decimals, trailing zeros kept, numbers as strings, wrong types and negatives dropped
        for (String price : List.of(
                "10.0",
                "2.50",
                "0",
                "0.000",
                "-0.0",
                "-1",
                "1e-3",
                "1.5E+2",
                "1E2",
                "'3.50'",
                "' 4 '",
                "'abc'",
                "'-2'",
                "'1e400'",
                "null",
                "true",
                "[]",
                "{}",
                "[1]",
                "12345678901234567890123.5",
                "123456789012345678901234567890",
                "1e400",
                "1e999999999999",
                "'1e999999999999'",
                "0.1e1")) {
            docs.add("{'models':{'openai:m':{" + P + price + ",'dollars_per_million_tokens_output':" + price
                    + ",'dollars_per_million_tokens_cache_write_1h':" + price + "}}}");
        }
        // limits
        for (String n : List.of(
                "0",
                "-5",
                "128000",
                "1.0",
                "1.5",
                "1e5",
                "'128000'",
                "9999999999",
                "1e30",
                "null",
                "2147483647",
                "2147483648",
                "-0",
                "{}")) {
            docs.add("{'models':{'openai:m':{'max_input_tokens':" + n + ",'max_output_tokens':" + n
                    + ",'long_context_threshold_tokens':" + n + ",'dollars_per_million_tokens_input_long_context':1"
                    + ",'dollars_per_million_tokens_output_long_context':2}}}");
        }
        // aliases: the last array wins; non-strings, blanks, duplicates and the model's own name dropped
        docs.add("{'models':{'openai:m':{'model_aliases':['a'],'model_aliases':['b','c']}}}");
        docs.add("{'models':{'openai:m':{'model_aliases':['a'],'model_aliases':null}}}");
        docs.add("{'models':{'openai:m':{'model_aliases':'a'}}}");
        docs.add("{'models':{'openai:m':{'model_aliases':[1,null,'x',['y'],{'z':1},'x','',' ','m',true,'\\u00e9']}}}");
        docs.add("{'models':{'openai:m':{'model_aliases':{'a':'b'},'model_aliases':[[['deep']],'ok']}}}");
        // capability flags: supports_* / is_* booleans except is_active; the last repeat wins; names in lower case
        docs.add("{'models':{'openai:m':{'supports_vision':true,'supports_x':'true','is_active':false,"
                + "'is_reasoning_model':true,'IS_foo':true,'Supports_Vision':true,'supports_':true,'is_':false,"
                + "'supports_streaming':null,'supports_json':1,'supports_tools':{},'isx':true}}}");
        docs.add("{'models':{'openai:m':{'supports_VISION':false,'supports_vision':true}}}");
        docs.add("{'models':{'openai:m':{'supports_vision':true,'supports_VISION':false}}}");
        docs.add("{'models':{'openai:m':{'supports_VISION':false,'supports_vision':true,'supports_VISION':true,"
                + "'supports_vision':false}}}");
        docs.add("{'models':{'openai:m':{'supports_vision':true,'supports_vision':'no'}}}");
        docs.add("{'models':{'openai:m':{'is_active':'false'}},'is_active':false}");
        docs.add("{'models':{'openai:m':{'is_active':false,'is_active':true}}}");
        // version and updated_at
        for (String v : List.of(
                "5",
                "'5'",
                "' 7 '",
                "-3",
                "'-3'",
                "3.0",
                "1e1",
                "2147483648",
                "'2147483648'",
                "'abc'",
                "null",
                "true",
                "{}",
                "[]",
                "0",
                "'+4'",
                "9223372036854775808")) {
            docs.add("{'version':" + v + ",'updated_at':" + v + ",'models':{'openai:m':{}}}");
        }
        docs.add("{'version':1,'models':{'openai:m':{}},'version':2,'updated_at':'a','updated_at':'b'}");
        docs.add("{'models':{'openai:m':{}},'updated_at':'2025-10-01T00:00:00Z','updated_at':null}");
        docs.add("{'version':{'version':9},'models':{'openai:m':{'version':4}}}");
        // names: model_name, else the key after its first colon; blank names skipped
        for (String key :
                List.of("openai:gpt-x", "gpt-y", "a:b:c", ":", "", " ", "openai: ", "\\u00e9:\\ud83d\\ude00")) {
            docs.add("{'models':{'" + key + "':{'display_name':'D'}}}");
            docs.add("{'models':{'" + key + "':{'model_name':'  ','display_name':' '}}}");
            docs.add("{'models':{'" + key + "':{'model_name':5,'display_name':5}}}");
            docs.add("{'models':{'" + key + "':{'model_name':'real','model_name':null}}}");
        }
        docs.add("{'models':{'openai:x':{'model_name':'n1'},'openai:y':{'model_name':'n2','model_aliases':['n1']}}}");
        // entries: non-objects skipped, order kept, a repeated key keeps its first place with its last value
        docs.add("{'models':{'x':1,'y':null,'z':[],'b':{},'w':'s','a':{}}}");
        docs.add("{'models':{'a':{'model_name':'first'},'b':{},'a':{'model_name':'last'}}}");
        docs.add("{'models':{'a':{},'b':{},'a':5}}");
        docs.add("{'models':{'a':5,'b':{},'a':{}}}");
        // deprecated_date, api_endpoint, display_name
        for (String d : List.of(
                "'2025-01-01'",
                "'2025-01-01T00:00:00Z'",
                "'bad'",
                "''",
                "5",
                "null",
                "'2025-13-01'",
                "'2025-1-1'",
                "'  '",
                "'2025-01-01 and more'")) {
            docs.add("{'models':{'openai:m':{'deprecated_date':" + d + ",'api_endpoint':" + d + ",'display_name':" + d
                    + "}}}");
        }
        // the root: empty, not an object, models not an object, trailing tokens
        for (String root : List.of(
                "   ",
                "null",
                "[]",
                "'x'",
                "5",
                "true",
                "{}",
                "{'models':[]}",
                "{'models':null}",
                "{'models':'x'}",
                "{'models':{},'models':5}",
                "{'models':5,'models':{}}",
                "{'Models':{}}",
                "[{'models':{}}]")) {
            docs.add(root);
        }
        for (String tail : List.of(" {}", " x", " 1", "]", "}", "   ", "\n", " /* */", " null", ",", " 'x'", "{")) {
            docs.add("{'models':{}}" + tail);
            docs.add("[]" + tail);
        }
        // syntax
        for (String bad : List.of(
                "{'models':{'a':{} 'b':{}}}",
                "{'models':{'a':{}",
                "{'models':{'a':{}},}",
                "{'models':{'a':01}}",
                "{'models':{'a':{'x':+1}}}",
                "{'models':{'a':{'x':.5}}}",
                "{'models':{'a':{'x':NaN}}}",
                "{'models':{'a':{'x':'\\x'}}}",
                "{'models':{'a':{'x':'\\ud800'}}}",
                "{models:{}}",
                "{'models':{'a':{'x':[1,]}}}",
                "{'models':{'a':{'x':1" + "0".repeat(1100) + "}}}",
                "{'models':{'a':{'x':1." + "5".repeat(1100) + "}}}",
                "{'models':{}, 'junk':1e999999999999}",
                "{'junk':[1e999999999999],'models':5}",
                "{'models':{'a':{'x':tru}}}",
                "{'models':{'a':{'x':'a\tb'}}}")) {
            docs.add(bad);
        }
        // nesting depth: the parser's bound of 64 applies wherever the nesting is
        for (int depth : new int[] {60, 61, 62, 63, 64, 65, 100}) {
            docs.add("{'models':{'openai:m':{'junk':" + "[".repeat(depth) + "]".repeat(depth) + "}}}");
            docs.add("{'junk':" + "{'a':".repeat(depth) + "1" + "}".repeat(depth) + ",'models':{}}");
        }
        return docs.stream().map(d -> d.replace('\'', '"')).toList();
    }
}
