#pragma once

class QSplitter;

namespace jwtflow {

// How much of the bearer-flow page's height the answer (token or diagnosis) takes after Send.
// It gets a share (11/20 for a token, 13/20 for a diagnosis, whose causes and checklist are
// longer); when it asks for more, it grows only while the editors above keep 9/20 of the
// height: on a 1080-line screen in presentation mode the header editor kept two lines when the
// answer took all it asked for. On a short page (less than three times the editors' minimum:
// 720 or 768 lines) the answer still gets the height it asks for, down to the editors' minimum.
class AnswerSplit {
public:
    // total: the height shared by the editors and the answer; editorsMinimum: the editors'
    // minimum height; wanted: the height the answer asks for. Returns the answer's height.
    static int answerHeight(int total, int editorsMinimum, int wanted, bool ok);
    // Once the editors have shrunk for the answer: the header editor (above the payload in
    // `decoded`) gets up to half of their column back, so it keeps its few lines (alg, typ, kid).
    static void balanceDecoded(QSplitter *decoded);
};

} // namespace jwtflow
