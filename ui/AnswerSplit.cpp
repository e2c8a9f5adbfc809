#include "AnswerSplit.h"

#include <QSplitter>
#include <algorithm>

namespace jwtflow {

int AnswerSplit::answerHeight(int total, int editorsMinimum, int wanted, bool ok)
{
    if (total <= 0)
        return 0;
    const int share = total * (ok ? 11 : 13) / 20;
    // A tall page (three times the editors' minimum) keeps 9/20 for the editors; a short one
    // only their minimum.
    const bool roomy = total >= 3 * editorsMinimum;
    const int editorsKeep = roomy ? std::max(editorsMinimum, total * 9 / 20) : editorsMinimum;
    const int most = std::max(share, total - editorsKeep);
    return std::clamp(wanted, share, most);
}

void AnswerSplit::balanceDecoded(QSplitter *decoded)
{
    if (!decoded || decoded->count() != 2)
        return;
    const QList<int> sizes = decoded->sizes();
    const int column = sizes.value(0) + sizes.value(1);
    if (column > 0 && sizes.value(0) < column / 2)
        decoded->setSizes({ column / 2, column - column / 2 });
}

} // namespace jwtflow
