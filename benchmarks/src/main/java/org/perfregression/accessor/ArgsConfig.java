package org.perfregression.accessor;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of the accessor's arguments are runtime values (bit set) and which are compile-time
 * constants (bit clear). Seven bits, as on the device:
 *
 * <pre>
 * bit 0 (1)  sharded           bit 4 (16) runtime tensor shape
 * bit 1 (2)  is DRAM           bit 5 (32) runtime shard shape
 * bit 2 (4)  runtime rank      bit 6 (64) runtime bank coordinates
 * bit 3 (8)  runtime number of banks
 * </pre>
 *
 * A runtime rank forces runtime tensor and shard shapes (array lengths must otherwise be known at
 * compile time); a runtime bank count forces runtime bank coordinates. The suite uses the 15 legal
 * sharded L1 configurations, {@link #legalShardedL1()}.
 *
 * @param bits the seven configuration bits
 */
public record ArgsConfig(int bits) {

    public static final int SHARDED = 1;
    public static final int IS_DRAM = 2;
    public static final int RUNTIME_RANK = 4;
    public static final int RUNTIME_NUM_BANKS = 8;
    public static final int RUNTIME_TENSOR_SHAPE = 16;
    public static final int RUNTIME_SHARD_SHAPE = 32;
    public static final int RUNTIME_BANK_COORDS = 64;

    private static final String PREFIX = "SHARDED_ACCESSOR_";

    public ArgsConfig {
        if (bits < 0 || bits > 127) {
            throw new IllegalArgumentException("configuration bits must be 7 bits, got " + bits);
        }
    }

    /** The configuration named {@code SHARDED_ACCESSOR_} + seven binary digits, most significant first. */
    public static ArgsConfig parse(String name) {
        String digits = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : "";
        if (!digits.matches("[01]{7}")) {
            throw new IllegalArgumentException("not an accessor configuration name: '" + name
                    + "' (expected " + PREFIX + " followed by 7 binary digits)");
        }
        return new ArgsConfig(Integer.parseInt(digits, 2));
    }

    /** The 15 legal sharded L1 configurations, in increasing bit order. */
    public static List<ArgsConfig> legalShardedL1() {
        List<ArgsConfig> configs = new ArrayList<>();
        for (int bits = 0; bits < 128; bits++) {
            ArgsConfig config = new ArgsConfig(bits);
            if (config.sharded() && !config.isDram() && config.isLegal()) {
                configs.add(config);
            }
        }
        return configs;
    }

    public String name() {
        String binary = Integer.toBinaryString(bits);
        return PREFIX + "0".repeat(7 - binary.length()) + binary;
    }

    /** Whether a C++ compiler would accept it: runtime rank needs runtime shapes, runtime banks runtime coordinates. */
    public boolean isLegal() {
        boolean shapesFollowRank = !runtimeRank() || (runtimeTensorShape() && runtimeShardShape());
        boolean coordsFollowBanks = !runtimeNumBanks() || runtimeBankCoords();
        return shapesFollowRank && coordsFollowBanks;
    }

    public boolean sharded() {
        return (bits & SHARDED) != 0;
    }

    public boolean isDram() {
        return (bits & IS_DRAM) != 0;
    }

    public boolean runtimeRank() {
        return (bits & RUNTIME_RANK) != 0;
    }

    public boolean runtimeNumBanks() {
        return (bits & RUNTIME_NUM_BANKS) != 0;
    }

    public boolean runtimeTensorShape() {
        return (bits & RUNTIME_TENSOR_SHAPE) != 0;
    }

    public boolean runtimeShardShape() {
        return (bits & RUNTIME_SHARD_SHAPE) != 0;
    }

    public boolean runtimeBankCoords() {
        return (bits & RUNTIME_BANK_COORDS) != 0;
    }

    /** Whether every argument is a compile-time constant. */
    public boolean fullyStatic() {
        return (bits & ~(SHARDED | IS_DRAM)) == 0;
    }

    @Override
    public String toString() {
        return name();
    }
}
