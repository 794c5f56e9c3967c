package org.perfregression.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Turns a valid file into a hostile one: byte-level damage (flips, cuts, repeats, inserted control
 * characters and byte-order marks, truncation) or structural damage to its JSON tree (a value
 * replaced by a wrong type, an extreme number, a string with control characters, a deep nest, a
 * field dropped or a subtree duplicated). Deterministic for a given random source, so that a
 * failing input can be reproduced from jqwik's seed.
 */
final class Mutator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Mutator() {
    }

    static byte[] mutate(byte[] seed, Random random) {
        int rounds = 1 + random.nextInt(4);
        byte[] input = seed;
        for (int r = 0; r < rounds; r++) {
            input = random.nextInt(3) == 0 ? bytes(input, random) : structure(input, random);
        }
        return input;
    }

    private static byte[] bytes(byte[] input, Random random) {
        if (input.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        int at = random.nextInt(input.length);
        int length = 1 + random.nextInt(Math.min(16, input.length - at));
        return switch (random.nextInt(6)) {
            case 0 -> { // flip
                byte[] out = input.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
                yield out;
            }
            case 1 -> splice(input, at, at + length, new byte[0]); // cut
            case 2 -> splice(input, at, at, java.util.Arrays.copyOfRange(input, at, at + length)); // repeat
            case 3 -> splice(input, at, at, pick(random, new byte[][] {{0}, {'\n'}, {'\r'}, {0x1b, '['}, {(byte) 0xEF,
                (byte) 0xBB, (byte) 0xBF}, {(byte) 0xC3}, {'"'}, {'['}, {'{'}, {','}, {'-'}, {'e', '9', '9', '9'}}));
            case 4 -> java.util.Arrays.copyOf(input, at); // truncate
            default -> splice(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, 3, 3, input); // byte-order mark
        };
    }

    private static byte[] structure(byte[] input, Random random) {
        JsonNode root;
        try {
            root = JSON.readTree(input);
        } catch (IOException e) {
            return bytes(input, random); // already broken: damage it further
        }
        if (root == null || !root.isContainerNode()) {
            return bytes(input, random);
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode parent = containers.get(random.nextInt(containers.size()));
        if (parent.isObject()) {
            ObjectNode object = (ObjectNode) parent;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty() || random.nextInt(8) == 0) {
                object.set(hostileString(random), hostileValue(random));
            } else {
                String name = names.get(random.nextInt(names.size()));
                switch (random.nextInt(4)) {
                    case 0 -> object.remove(name);
                    case 1 -> object.set(name + (random.nextBoolean() ? "" : hostileString(random)), object.get(name).deepCopy());
                    default -> object.set(name, hostileValue(random));
                }
            }
        } else {
            ArrayNode array = (ArrayNode) parent;
            if (array.isEmpty() || random.nextInt(6) == 0) {
                array.add(hostileValue(random));
            } else {
                int i = random.nextInt(array.size());
                switch (random.nextInt(4)) {
                    case 0 -> array.remove(i);
                    case 1 -> array.insert(i, array.get(i).deepCopy());
                    default -> array.set(i, hostileValue(random));
                }
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException tooDeepToWrite) {
            return bytes(input, random);
        }
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            for (Iterator<JsonNode> children = node.elements(); children.hasNext();) {
                collect(children.next(), containers);
            }
        }
    }

    private static JsonNode hostileValue(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.textNode(pick(random, new String[] {"NaN", "+INF", "-INF", "", "ns/op", "ops/s", "avgt",
                "sample", "ss", "thrpt"}));
            case 3 -> NODES.textNode(hostileString(random));
            case 4 -> NODES.numberNode(pick(random, new double[] {0, -0.0, -1, 1e-320, 1.7e308, -1.7e308, 4.9e-324,
                Double.MAX_VALUE, 0.5, 1e15}));
            case 5 -> NODES.numberNode(pick(random, new long[] {0, -1, 3_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE,
                Integer.MAX_VALUE, 1}));
            case 6 -> NODES.numberNode(new BigInteger("9".repeat(1 + random.nextInt(400))));
            case 7 -> NODES.arrayNode();
            case 8 -> NODES.objectNode();
            case 9 -> deep(random);
            case 10 -> {
                ArrayNode numbers = NODES.arrayNode();
                for (int i = random.nextInt(50); i > 0; i--) {
                    numbers.add(random.nextGaussian() * 100);
                }
                yield numbers;
            }
            case 11 -> {
                ArrayNode bin = NODES.arrayNode();
                bin.add(random.nextDouble() * 100);
                if (random.nextBoolean()) {
                    bin.add(random.nextInt(1000) - 10);
                }
                yield NODES.arrayNode().add(NODES.arrayNode().add(bin));
            }
            case 12 -> {
                ObjectNode object = NODES.objectNode();
                object.set(hostileString(random), NODES.arrayNode().add(1.0).add(2.0));
                yield object;
            }
            default -> NODES.numberNode(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
        };
    }

    /** Nested arrays or objects, sometimes deeper than any reader allows. */
    private static JsonNode deep(Random random) {
        int depth = random.nextBoolean() ? 1 + random.nextInt(20) : 500 + random.nextInt(490); // a writer stops at 1000
        JsonNode node = NODES.numberNode(1);
        for (int i = 0; i < depth; i++) {
            node = random.nextBoolean() ? NODES.arrayNode().add(node) : NODES.objectNode().set("k", node);
        }
        return node;
    }

    private static String hostileString(Random random) {
        return pick(random, new String[] {"../../escape", "/abs/path", "a\nb", "\u001b[31mred", "::error::x", "\r",
            "name with spaces", "\u202e", "\u0000", "..", ".", "a/b", "rank_2", "SHARDED_ACCESSOR_0000001", "x".repeat(300),
            new String(new byte[] {(byte) 0xC3, (byte) 0x28}, StandardCharsets.ISO_8859_1), "\uD800"});
    }

    private static byte[] splice(byte[] input, int from, int to, byte[] insert) {
        byte[] out = new byte[input.length - (to - from) + insert.length];
        System.arraycopy(input, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(input, to, out, from + insert.length, input.length - to);
        return out;
    }

    private static <T> T pick(Random random, T[] options) {
        return options[random.nextInt(options.length)];
    }

    private static double pick(Random random, double[] options) {
        return options[random.nextInt(options.length)];
    }

    private static long pick(Random random, long[] options) {
        return options[random.nextInt(options.length)];
    }

    /** The valid seeds, as bytes. */
    static List<byte[]> seeds(Map<String, String> texts) {
        return texts.values().stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }
}
