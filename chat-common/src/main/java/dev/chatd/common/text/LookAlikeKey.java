package dev.chatd.common.text;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

/**
 * The look-alike key behind {@link Names#key}: the UTS #39 confusable skeleton of the NFKC case
 * fold, the fold first so that case never decides. Both ICU objects are built once and shared:
 * ICU documents {@link Normalizer2} instances as immutable and a built {@link SpoofChecker} as
 * safe to use from many threads at once.
 */
final class LookAlikeKey {

    private static final Normalizer2 FOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final SpoofChecker SKELETONS =
            new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE).build();

    /**
     * One round, skeleton(NFKC_Casefold(x)), is not idempotent: a skeleton may hold what the fold
     * would still change (digit 0 becomes capital O; Cherokee Ꭺ becomes Latin A; β becomes ß,
     * which folds to "ss"). So rounds repeat until the key is its own key. Every single code
     * point, and every sampled string, settles after two rounds (NamesTest checks); the bound only
     * guards against a future Unicode table that cycles.
     */
    static final int MAX_ROUNDS = 4;

    private LookAlikeKey() {
    }

    static String of(String name) {
        String key = round(name);
        for (int i = 1; i < MAX_ROUNDS; i++) {
            String again = round(key);
            if (again.equals(key)) {
                return key;
            }
            key = again;
        }
        return key;
    }

    private static String round(String text) {
        return SKELETONS.getSkeleton(FOLD.normalize(text));
    }
}
